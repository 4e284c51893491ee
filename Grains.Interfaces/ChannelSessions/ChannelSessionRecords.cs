using Conversations.Channels;
using Conversations.Conversations;

namespace Conversations.ChannelSessions;

/// <summary>
/// A customer's presence on one channel, as agents and reports see it. <see cref="ReplyWindow"/> is filled where the
/// desk reads the conversation, for channels whose provider limits when the business may write (WhatsApp's 24 hours).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChannelSessionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string ServiceIdentifier,
    [property: Id(4)] string ChannelTypeCode,
    [property: Id(5)] string CustomerChannelIdentifier,
    [property: Id(6)] SessionDirection Direction,
    [property: Id(7)] ChannelSessionStatus Status,
    [property: Id(8)] IReadOnlyDictionary<string, string> ChannelData,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateTimeOffset LastActivityAt,
    [property: Id(11)] DateTimeOffset ExpiresAt,
    [property: Id(12)] DateTimeOffset? ClosedAt,
    [property: Id(13)] SessionCloseReason? CloseReason,
    [property: Id(14)] ReplyWindow? ReplyWindow = null)
{
    /// <summary>
    /// When the customer last wrote on the session: its last activity, except on an outbound session the customer has
    /// not answered yet, whose last activity is the business opening it.
    /// </summary>
    public DateTimeOffset? LastCustomerActivity => Direction == SessionDirection.Outbound && LastActivityAt == OpenedAt ? null : LastActivityAt;

    /// <summary>What the conversation needs to know of the session to catch up with it.</summary>
    public ObservedSession Observed => new(Status == ChannelSessionStatus.Closed, CloseReason, ExpiresAt, ClosedAt);
}
