using System.Net;
using System.Net.Http.Json;

namespace Conversations.Bench;

/// <summary>
/// Simulated customers posting to /api/connector/messages with a fresh connector message id each time, so each
/// request is one accepted, durably logged customer message. Steady: customer i keeps writing on channel i mod M in
/// its one conversation. New: every message comes from a customer never seen, so each opens a conversation.
/// </summary>
public sealed class MessageLoad(IReadOnlyList<BenchChannel> channels, string runId, int payloadBytes)
{
    private readonly string _text = new('x', payloadBytes);

    public Task<bool> SendAsync(int customer, long n) =>
        PostAsync(channels[customer % channels.Count], $"bench-{runId}-visitor-{customer}", $"bench-{runId}-{customer}-{n}");

    /// <summary>Message n of worker w, from a customer of its own: a new conversation. Each phase names its customers apart.</summary>
    public Func<int, long, Task<bool>> OpenConversations(string phase) => (worker, n) =>
        PostAsync(channels[worker % channels.Count], $"bench-{runId}-{phase}-{worker}-{n}", $"bench-{runId}-{phase}-{worker}-{n}");

    private async Task<bool> PostAsync(BenchChannel channel, string customer, string messageId)
    {
        var body = new { serviceIdentifier = channel.ServiceIdentifier, customerChannelIdentifier = customer, connectorMessageId = messageId, text = _text };
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
