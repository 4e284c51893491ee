using System.Net;
using System.Net.Http.Json;
using Conversations.Testing;

namespace Conversations.Bench;

/// <summary>A channel of the run and a client calling as its connector (signed calls, as connectors should).</summary>
public sealed record BenchChannel(string ServiceIdentifier, HttpClient Connector);

/// <summary>Configures the run's channels through the admin API (as an admin); names carry the run id so runs never collide.</summary>
public static class BenchChannels
{
    public static async Task<IReadOnlyList<BenchChannel>> CreateAsync(HttpClient gateway, string runId, int count, string webhookUrl)
    {
        await EnsureAsync(gateway, "channel-types", "BENCH", new { code = "BENCH", name = "Bench", identityKind = "WEB_VISITOR" });
        await EnsureAsync(gateway, "channel-providers", "bench", new { id = "bench", name = "Bench" });
        var channels = new List<BenchChannel>();
        for (var i = 0; i < count; i++)
        {
            var service = $"bench-{runId}-{i}";
            var key = await ApiAccess.CreatedConnectorKeyAsync(
                await CreateAsync(gateway, "channel-connectors", new { id = "conn-" + service, name = service, providerId = "bench", channelTypeCode = "BENCH", webhookUrl }));
            await CreateAsync(gateway, "channels", new
            {
                serviceIdentifier = service,
                name = service,
                connectorId = "conn-" + service,
                routingMode = "PUSH",
                // Long enough that no session times out during a run: the bench measures the message path.
                customerInactivityTimeoutSeconds = 3600,
            });
            var connector = ApiAccess.SigningConnector(gateway.BaseAddress!, key);
            connector.Timeout = gateway.Timeout;
            channels.Add(new BenchChannel(service, connector));
        }

        return channels;
    }

    private static async Task EnsureAsync(HttpClient gateway, string path, string key, object body)
    {
        if ((await gateway.GetAsync($"/api/admin/{path}/{key}")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(gateway, path, body);
        }
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient gateway, string path, object body)
    {
        var response = await gateway.PostAsJsonAsync($"/api/admin/{path}", body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/admin/{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
