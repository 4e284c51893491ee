using System.Net;
using System.Net.Http.Json;

namespace Conversations.Bench;

/// <summary>
/// Simulated customers posting to /api/connector/messages: customer i writes on channel i mod M, every message
/// with a fresh connector message id, so each request is one accepted, durably logged customer message.
/// </summary>
public sealed class MessageLoad(IReadOnlyList<BenchChannel> channels, string runId, int payloadBytes)
{
    private readonly string _text = new('x', payloadBytes);

    public async Task<bool> SendAsync(int customer, long n)
    {
        var channel = channels[customer % channels.Count];
        var body = new
        {
            serviceIdentifier = channel.ServiceIdentifier,
            customerChannelIdentifier = $"bench-{runId}-visitor-{customer}",
            connectorMessageId = $"bench-{runId}-{customer}-{n}",
            text = _text,
        };
        try
        {
            using var response = await channel.Connector.PostAsJsonAsync("/api/connector/messages", body);
            return response.StatusCode == HttpStatusCode.Accepted;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
