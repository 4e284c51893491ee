using System.Net;
using System.Net.Http.Json;

namespace Conversations.ClusterTests.Traffic;

/// <summary>Configures channels through the admin API, as an operator would with curl.</summary>
public sealed class ChannelSetup(HttpClient gateway)
{
    public async Task ChannelAsync(string serviceIdentifier, string typeCode, string identityKind, int inactivityTimeoutSeconds, string webhookUrl)
    {
        await EnsureAsync("channel-types", typeCode, new { code = typeCode, name = typeCode, identityKind });
        await EnsureAsync("channel-providers", "cluster-tests", new { id = "cluster-tests", name = "Cluster tests" });
        var connector = "conn-" + serviceIdentifier;
        await CreateAsync("channel-connectors", new { id = connector, name = connector, providerId = "cluster-tests", channelTypeCode = typeCode, webhookUrl });
        await CreateAsync("channels", new
        {
            serviceIdentifier,
            name = serviceIdentifier,
            connectorId = connector,
            routingMode = "PUSH",
            customerInactivityTimeoutSeconds = inactivityTimeoutSeconds,
        });
    }

    private async Task EnsureAsync(string path, string key, object body)
    {
        if ((await gateway.GetAsync($"/api/admin/{path}/{key}")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(path, body);
        }
    }

    private async Task CreateAsync(string path, object body)
    {
        using var response = await gateway.PostAsJsonAsync($"/api/admin/{path}", body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
