using System.Net;
using System.Net.Http.Json;

namespace Conversations.GatewayTests.Foundation;

/// <summary>Sets up channel configuration through the admin API, as an operator would with curl.</summary>
internal sealed class Admin(SystemFixture system)
{
    /// <summary>A new channel (unique service identifier) whose connector delivers to <paramref name="webhookUrl"/>.</summary>
    public async Task<string> ChannelWithWebhookAsync(string webhookUrl, string typeCode = "WHATSAPP", string identityKind = "PHONE")
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await EnsureAsync("channel-types", typeCode, new { code = typeCode, name = typeCode, identityKind });
        await EnsureAsync("channel-providers", "gateway-tests", new { id = "gateway-tests", name = "Gateway tests" });
        await CreateAsync("channel-connectors", new { id = "conn-" + suffix, name = "Connector " + suffix, providerId = "gateway-tests", channelTypeCode = typeCode, webhookUrl });
        var service = "svc-" + suffix;
        await CreateAsync("channels", new { serviceIdentifier = service, name = "Channel " + suffix, connectorId = "conn-" + suffix, routingMode = "PUSH", customerInactivityTimeoutSeconds = 900 });
        return service;
    }

    private async Task EnsureAsync(string path, string key, object body)
    {
        if ((await system.Http.GetAsync($"/api/admin/{path}/{key}")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(path, body);
        }
    }

    private async Task CreateAsync(string path, object body)
    {
        var response = await system.Http.PostAsJsonAsync($"/api/admin/{path}", body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
