using Conversations.Domain;

namespace Conversations.Outbound;

/// <summary>
/// A business-initiated message to one customer, named by id or by their identifier on the channel's identity kind,
/// with free text or a template and its parameters, and optionally who takes the customer's reply.
/// <paramref name="RequestedBy"/> is the user asking; <paramref name="KnownCustomersOnly"/> when that user is an agent,
/// who may write only to customers whose conversations they are or were in.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OutboundRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string ServiceIdentifier,
    [property: Id(2)] string? CustomerId,
    [property: Id(3)] string? CustomerIdentifier,
    [property: Id(4)] string? Text,
    [property: Id(5)] string? TemplateId,
    [property: Id(6)] string[]? TemplateParameters,
    [property: Id(7)] string? OwnerAgentId,
    [property: Id(8)] string? OwnerQueue,
    [property: Id(9)] string RequestedBy,
    [property: Id(10)] bool KnownCustomersOnly)
{
    /// <summary>A campaign's request for one recipient: the gateway takes clients' own ids only; a batch names its recipients' requests.</summary>
    public bool ForBatchRecipient => RequestId?.Contains('#') == true;

    /// <summary>Refuses a malformed request before anything is looked up or changed.</summary>
    public void Validate()
    {
        OutboundRules.RequireRequestId(RequestId, batchRecipient: ForBatchRecipient);
        OutboundRules.RequireMessage(ServiceIdentifier, Text, TemplateId is not null, OwnerAgentId, OwnerQueue);
        OutboundRules.RequireOwnerQueueAllowed(OwnerQueue, agent: KnownCustomersOnly);
        if ((CustomerId is null) == (CustomerIdentifier is null))
        {
            throw DomainException.Invalid("Name the customer by id or by their identifier on the channel, one of the two.", "customerId");
        }
    }
}

/// <summary>What an outbound request started: the same answer every time the request is repeated.</summary>
[GenerateSerializer, Immutable]
public sealed record OutboundStarted(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string ConversationId,
    [property: Id(3)] string ChannelSessionId,
    [property: Id(4)] long Sequence,
    [property: Id(5)] bool JoinedLiveConversation);

/// <summary>Where the conversation logged a business message; <paramref name="JoinedLive"/> when the conversation was already under way.</summary>
[GenerateSerializer, Immutable]
public sealed record BusinessMessageLogged(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string ChannelSessionId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] bool JoinedLive);
