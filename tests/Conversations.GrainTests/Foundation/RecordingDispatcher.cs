using System.Collections.Concurrent;
using Conversations.Channels;
using Conversations.Outbound;

namespace Conversations.GrainTests.Foundation;

/// <summary>Stands in for outbound delivery: remembers what would have been sent through which connector.</summary>
public sealed class RecordingDispatcher : IOutboundDispatcher
{
    private readonly ConcurrentQueue<(ChannelConnector Connector, OutboundMessage Message)> _sent = new();

    public void Dispatch(ChannelConnector connector, OutboundMessage message, DateTimeOffset windowStart) => _sent.Enqueue((connector, message));

    public IReadOnlyList<(ChannelConnector Connector, OutboundMessage Message)> To(string conversationId) =>
        [.. _sent.Where(s => s.Message.ConversationId == conversationId)];
}
