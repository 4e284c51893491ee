using Conversations.Activities;
using Conversations.Channels;
using Conversations.Domain;

namespace Conversations.Inbound;

/// <summary>A customer message as a channel connector hands it over, with the files it carries, if any.</summary>
[GenerateSerializer, Immutable]
public sealed record InboundMessage(
    [property: Id(0)] string ServiceIdentifier,
    [property: Id(1)] string CustomerChannelIdentifier,
    [property: Id(2)] string ConnectorMessageId,
    [property: Id(3)] string Text,
    [property: Id(4)] IReadOnlyDictionary<string, string> ChannelData,
    [property: Id(5)] IReadOnlyList<MessageAttachment>? Attachments = null)
{
    /// <summary>Refuses a malformed message before anything changes.</summary>
    public void Validate()
    {
        InboundRules.ValidateMessage(ServiceIdentifier, CustomerChannelIdentifier, ConnectorMessageId, Text, ChannelData);
        AttachmentRules.Validate(Attachments);
    }

    /// <summary>What a repeat of this message would share with it on <paramref name="channel"/>.</summary>
    public ConnectorMessageKey Key(ResolvedChannel channel) =>
        ConnectorMessageKey.Of(channel.Type.IdentityKind, ServiceIdentifier, CustomerChannelIdentifier, ConnectorMessageId);
}

/// <summary>What a connector gets back for an accepted message; a retried message gets the same ids.</summary>
[GenerateSerializer, Immutable]
public sealed record InboundAccepted(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string ChannelSessionId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] long Sequence,
    [property: Id(4)] bool Duplicate);

/// <summary>A non-message event from a connector about a customer on a channel.</summary>
[GenerateSerializer, Immutable]
public sealed record ConnectorEvent(
    [property: Id(0)] string ServiceIdentifier,
    [property: Id(1)] string CustomerChannelIdentifier,
    [property: Id(2)] ConnectorEventType Type)
{
    public void Validate() => InboundRules.ValidateEvent(ServiceIdentifier, CustomerChannelIdentifier, Type);
}

/// <summary>What a connector event did: the session it closed, if the customer had one open there.</summary>
[GenerateSerializer, Immutable]
public sealed record ConnectorEventHandled(
    [property: Id(0)] string? ConversationId,
    [property: Id(1)] string? ChannelSessionId,
    [property: Id(2)] bool Closed);
