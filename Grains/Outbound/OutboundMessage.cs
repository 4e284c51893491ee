using System.Text.Json.Serialization;
using Conversations.Activities;
using Conversations.Channels;

namespace Conversations.Outbound;

/// <summary>A message for the customer, as a WEBHOOK connector gets it (JSON) and as the other kinds translate it.</summary>
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
    DateTimeOffset SentAt,
    [property: JsonIgnore] IReadOnlyList<MessageAttachment>? Files = null)
{
    /// <summary>The files as links the receiver fetches them with; set by the transport for each attempt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LinkedAttachment>? Attachments { get; init; }

    /// <summary>
    /// The template an outbound message was written with: a provider that has templates (WhatsApp) sends it with its
    /// parameters; the others send <see cref="Text"/>, the template filled in.
    /// </summary>
    [JsonIgnore]
    public SentTemplate? Template { get; init; }

    /// <summary>Stable across retries so the connector can drop a message it already delivered.</summary>
    public string MessageId => $"{ConversationId}:{Sequence}";

    /// <summary>The delivery of a logged bot or agent message on the channel session it was written to.</summary>
    public static OutboundMessage For(Activity message, string serviceIdentifier, string customerChannelIdentifier, string connectorId) => new(
        message.ConversationId,
        message.Sequence,
        message.ChannelSessionId!,
        serviceIdentifier,
        customerChannelIdentifier,
        connectorId,
        message.From.ToString().ToUpperInvariant(),
        message.ParticipantId,
        message.Text!,
        message.OccurredAt,
        message.Attachments)
    {
        Template = OutboundData.TemplateOf(message.Data),
    };
}

/// <summary>Hands messages to the connectors; delivery happens in the background, with retries.</summary>
public interface IOutboundDispatcher
{
    /// <param name="windowStart">When the message's retry window opened.</param>
    void Dispatch(ChannelConnector connector, OutboundMessage message, DateTimeOffset windowStart);
}

/// <summary>The one way a logged bot or agent message goes out, first time or again after a lost delivery.</summary>
public static class OutboundDispatch
{
    /// <summary>
    /// Sends the message through the connector of the channel the caller already has, retrying within the window
    /// from <paramref name="windowStart"/>, or else from when the message was logged.
    /// </summary>
    public static void Send(
        this IOutboundDispatcher outbound, ResolvedChannel channel, Activity message, string customerChannelIdentifier, DateTimeOffset? windowStart = null) =>
        outbound.Dispatch(
            channel.Connector,
            OutboundMessage.For(message, channel.Channel.ServiceIdentifier, customerChannelIdentifier, channel.Connector.Id),
            windowStart ?? message.OccurredAt);
}
