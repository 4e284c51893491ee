namespace Conversations.Outbound;

/// <summary>A message for the customer, as POSTed (JSON) to the channel connector's webhook.</summary>
public sealed record OutboundMessage(
    string ConversationId,
    long Sequence,
    string ChannelSessionId,
    string ServiceIdentifier,
    string CustomerChannelIdentifier,
    string ConnectorId,
    string From,
    string? SenderId,
    string Text,
    DateTimeOffset SentAt)
{
    /// <summary>Stable across retries so the connector can drop a message it already delivered.</summary>
    public string MessageId => $"{ConversationId}:{Sequence}";
}

/// <summary>Hands messages to the connectors; delivery happens in the background, with retries.</summary>
public interface IOutboundDispatcher
{
    void Dispatch(Uri webhook, OutboundMessage message);
}
