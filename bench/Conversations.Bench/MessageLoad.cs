using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Bench;

/// <summary>
/// Simulated customers posting to /api/connector/messages with a fresh connector message id each time, so each
/// request is one accepted, durably logged customer message. Steady: customer i keeps writing on channel i mod M in
/// its one conversation. New: every message comes from a customer never seen, so each opens a conversation.
/// </summary>
public sealed class MessageLoad(IReadOnlyList<BenchChannel> channels, string runId, int payloadBytes)
{
    private readonly string _text = new('x', payloadBytes);

    /// <summary>Message n of customer i, in the customer's one conversation; each phase numbers its messages apart.</summary>
    public Func<int, long, Task<bool>> Send(string phase) => (customer, n) =>
        PostAsync(channels[customer % channels.Count], $"bench-{runId}-visitor-{customer}", $"bench-{runId}-{phase}-{customer}-{n}");

    /// <summary>Message n of worker w, from a customer of its own: a new conversation. Each phase names its customers apart.</summary>
    public Func<int, long, Task<bool>> OpenConversations(string phase) => (worker, n) =>
        PostAsync(channels[worker % channels.Count], $"bench-{runId}-{phase}-{worker}-{n}", $"bench-{runId}-{phase}-{worker}-{n}");

    /// <summary>Message n of returning customer c of the phase: the conversation it was accepted into, or null when it failed.</summary>
    public async Task<string?> ConversationOfAsync(string phase, int customer, long n)
    {
        using var response = await PostOrNullAsync(
            channels[customer % channels.Count], $"bench-{runId}-{phase}-{customer}", $"bench-{runId}-{phase}-{customer}-{n}");
        return response?.StatusCode == HttpStatusCode.Accepted
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()
            : null;
    }

    private async Task<bool> PostAsync(BenchChannel channel, string customer, string messageId)
    {
        using var response = await PostOrNullAsync(channel, customer, messageId);
        return response?.StatusCode == HttpStatusCode.Accepted;
    }

    private async Task<HttpResponseMessage?> PostOrNullAsync(BenchChannel channel, string customer, string messageId)
    {
        var body = new { serviceIdentifier = channel.ServiceIdentifier, customerChannelIdentifier = customer, connectorMessageId = messageId, text = _text };
        try
        {
            return await channel.Connector.PostAsJsonAsync("/api/connector/messages", body);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
