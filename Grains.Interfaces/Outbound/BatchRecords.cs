using Conversations.Domain;

namespace Conversations.Outbound;

/// <summary>One recipient of a batch: a customer by id or by identifier, with the template's parameters for them.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchRecipient(
    [property: Id(0)] string? CustomerId,
    [property: Id(1)] string? CustomerIdentifier,
    [property: Id(2)] string[]? TemplateParameters = null);

/// <summary>
/// The same message (text or template) to many customers on one channel, sent in the background at the channel's rate.
/// Each recipient's message is an <see cref="OutboundRequest"/> of its own, whose request id is the batch's and the
/// recipient's place in it, so a batch resumed after a restart sends nobody twice.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OutboundBatch(
    [property: Id(0)] string BatchId,
    [property: Id(1)] string ServiceIdentifier,
    [property: Id(2)] string? Text,
    [property: Id(3)] string? TemplateId,
    [property: Id(4)] string? OwnerAgentId,
    [property: Id(5)] string? OwnerQueue,
    [property: Id(6)] string RequestedBy,
    [property: Id(7)] BatchRecipient[] Recipients)
{
    /// <summary>
    /// Refuses a malformed batch before anything is stored. What only sending can tell (a customer not known, a
    /// template's parameters) fails that recipient alone.
    /// </summary>
    public void Validate()
    {
        OutboundRules.RequireRequestId(BatchId);
        OutboundRules.RequireBatchSize(Recipients?.Length ?? 0);
        OutboundRules.RequireMessage(ServiceIdentifier, Text, TemplateId is not null, OwnerAgentId, OwnerQueue);
        for (var i = 0; i < Recipients!.Length; i++)
        {
            var recipient = Recipients[i];
            if (recipient is null || (recipient.CustomerId is null) == (recipient.CustomerIdentifier is null))
            {
                throw DomainException.Invalid("Name each recipient by customer id or by identifier on the channel, one of the two.", $"recipients[{i}].customerId");
            }

            // Stored before anyone is sent to: printable text only, as everything stored.
            TextRules.RequireLine(recipient.CustomerId ?? recipient.CustomerIdentifier, "recipient", CustomerIdentityRules.MaxIdentifierLength, $"recipients[{i}].customerId");
            if (recipient.TemplateParameters is { } parameters)
            {
                if (parameters.Length > MessageTemplateRules.MaxParameters)
                {
                    throw DomainException.Invalid($"A template takes at most {MessageTemplateRules.MaxParameters} parameters.", $"recipients[{i}].parameters");
                }

                foreach (var parameter in parameters)
                {
                    TextRules.RequireLine(parameter, "template parameter", MessageTemplateRules.MaxParameterLength, $"recipients[{i}].parameters");
                }
            }
        }
    }

    public OutboundRequest RequestFor(int index, BatchRecipient recipient) => new(
        $"{BatchId}#{index}", ServiceIdentifier, recipient.CustomerId, recipient.CustomerIdentifier, Text, TemplateId, recipient.TemplateParameters,
        OwnerAgentId, OwnerQueue, RequestedBy, KnownCustomersOnly: false);
}

public enum RecipientStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>What became of one recipient: the conversation and message it got, or why it got none.</summary>
[GenerateSerializer, Immutable]
public sealed record RecipientOutcome(
    [property: Id(0)] int Index,
    [property: Id(1)] RecipientStatus Status,
    [property: Id(2)] string? CustomerId = null,
    [property: Id(3)] string? ConversationId = null,
    [property: Id(4)] long? Sequence = null,
    [property: Id(5)] string? Failure = null,
    [property: Id(6)] DateTimeOffset? At = null);

/// <summary>A batch's progress, and the outcomes of the recipients asked for.</summary>
[GenerateSerializer, Immutable]
public sealed record OutboundBatchStatus(
    [property: Id(0)] string BatchId,
    [property: Id(1)] string ServiceIdentifier,
    [property: Id(2)] int Total,
    [property: Id(3)] int Sent,
    [property: Id(4)] int Failed,
    [property: Id(5)] int Pending,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? CompletedAt,
    [property: Id(8)] IReadOnlyList<RecipientOutcome> Recipients);
