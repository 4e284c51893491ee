using Conversations.Conversations;

namespace Conversations.Activities;

/// <summary>
/// One entry of a conversation's ordered activity log. Messages for the customer also say whether the
/// connector took them (<see cref="Delivery"/>, null while delivery is under way) and, when it failed for good, why
/// (<see cref="DeliveryFailure"/>). Sequence numbers are dense per conversation,
/// so readers page and resume by sequence. A customer message keeps its channel, sender and connector message id,
/// which together recognise a repeat (see <see cref="Inbound.ConnectorMessageKey"/>), and any files it carries
/// (<see cref="Attachments"/>, fetched through the gateway).
/// </summary>
[GenerateSerializer]
public sealed record Activity(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] ActivityKind Kind,
    [property: Id(3)] ParticipantRole From,
    [property: Id(4)] string? ParticipantId,
    [property: Id(5)] string CustomerId,
    [property: Id(6)] string? ChannelSessionId,
    [property: Id(7)] string? Text,
    [property: Id(8)] DateTimeOffset OccurredAt,
    [property: Id(9)] string? ServiceIdentifier = null,
    [property: Id(10)] string? ConnectorMessageId = null,
    [property: Id(11)] Dictionary<string, string>? Data = null,
    [property: Id(12)] DeliveryOutcome? Delivery = null,
    [property: Id(13)] string? Sender = null,
    [property: Id(14)] string? DeliveryFailure = null,
    [property: Id(15)] List<MessageAttachment>? Attachments = null)
{
    /// <summary>An activity a conversation decided on, as the log stores it.</summary>
    public static Activity Logged(string conversationId, string customerId, ConversationActivity activity) => new(
        conversationId,
        activity.Sequence,
        activity.Kind,
        activity.From,
        activity.ParticipantId,
        customerId,
        activity.ChannelSessionId,
        activity.Text,
        activity.OccurredAt,
        activity.ServiceIdentifier,
        activity.ConnectorMessageId,
        activity.Data is null ? null : new Dictionary<string, string>(activity.Data, StringComparer.Ordinal),
        Sender: activity.Sender,
        Attachments: activity.Attachments?.ToList());
}

/// <summary>A page of activities in sequence order; pass <see cref="NextAfterSequence"/> to read on.</summary>
[GenerateSerializer]
public sealed record ActivityPage(
    [property: Id(0)] IReadOnlyList<Activity> Items,
    [property: Id(1)] long NextAfterSequence,
    [property: Id(2)] bool HasMore);
