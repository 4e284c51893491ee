using System.Net;
using System.Net.Http.Json;
using Conversations.Testing;

namespace Conversations.ClusterTests.Traffic;

/// <summary>Configures channels through the admin API (<paramref name="gateway"/> is signed in as an admin), as an operator would with curl.</summary>
public sealed class ChannelSetup(HttpClient gateway)
{
    /// <summary>The channel with a connector of its own; answers a client calling as that connector (signed calls).</summary>
    public async Task<HttpClient> ChannelAsync(string serviceIdentifier, string typeCode, string identityKind, int inactivityTimeoutSeconds, string webhookUrl)
    {
        await EnsureAsync("channel-types", typeCode, new { code = typeCode, name = typeCode, identityKind });
        await EnsureAsync("channel-providers", "cluster-tests", new { id = "cluster-tests", name = "Cluster tests" });
        var connector = "conn-" + serviceIdentifier;
        var key = await ApiAccess.CreatedConnectorKeyAsync(
            await CreateAsync("channel-connectors", new { id = connector, name = connector, providerId = "cluster-tests", channelTypeCode = typeCode, webhookUrl }));
        await CreateAsync("channels", new
        {
            serviceIdentifier,
            name = serviceIdentifier,
            connectorId = connector,
            routingMode = "PUSH",
            customerInactivityTimeoutSeconds = inactivityTimeoutSeconds,
        });
        var client = ApiAccess.SigningConnector(gateway.BaseAddress!, key);
        client.Timeout = gateway.Timeout;
        return client;
    }

    private async Task EnsureAsync(string path, string key, object body)
    {
        if ((await gateway.GetAsync($"/api/admin/{path}/{key}")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(path, body);
        }
    }

    private async Task<HttpResponseMessage> CreateAsync(string path, object body)
    {
        var response = await gateway.PostAsJsonAsync($"/api/admin/{path}", body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
