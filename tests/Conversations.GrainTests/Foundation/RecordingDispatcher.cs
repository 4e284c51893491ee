using System.Collections.Concurrent;
using Conversations.Outbound;

namespace Conversations.GrainTests.Foundation;

/// <summary>Stands in for webhook delivery: remembers what would have been POSTed where.</summary>
public sealed class RecordingDispatcher : IOutboundDispatcher
{
    private readonly ConcurrentQueue<(Uri Webhook, OutboundMessage Message)> _sent = new();

    public void Dispatch(Uri webhook, OutboundMessage message, DateTimeOffset windowStart) => _sent.Enqueue((webhook, message));

    public IReadOnlyList<(Uri Webhook, OutboundMessage Message)> To(string conversationId) =>
        [.. _sent.Where(s => s.Message.ConversationId == conversationId)];
}
