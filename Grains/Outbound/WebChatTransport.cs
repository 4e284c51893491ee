using Conversations.Activities;
using Conversations.Channels;

namespace Conversations.Outbound;

/// <summary>
/// The web chat has nobody to call: its visitors' browsers read the conversation's log through the gateway. Logged
/// is sent; the visitor's browser reports when it showed the message (delivered) and when the visitor saw it (read).
/// </summary>
public sealed class WebChatTransport : IConnectorTransport
{
    public ConnectorKind Kind => ConnectorKind.WebChat;

    public Task<TransportCall> PrepareAsync(OutboundMessage message, ChannelConnector connector, CancellationToken cancellationToken) =>
        Task.FromResult(TransportCall.Settled(DeliveryOutcome.Sent));
}
