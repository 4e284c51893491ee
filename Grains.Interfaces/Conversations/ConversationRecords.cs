using Conversations.Activities;
using Conversations.ChannelSessions;

namespace Conversations.Conversations;

/// <summary>A conversation as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record ConversationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] ConversationStatus State,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] IReadOnlyList<StateChange> StateHistory,
    [property: Id(5)] IReadOnlyList<ChannelSessionView> ChannelSessions,
    [property: Id(6)] IReadOnlyList<Participant> Participants,
    [property: Id(7)] SessionCloseReason? CloseReason = null)
{
    /// <summary>When the conversation ended for the customer: it reached Closing (house-keeping follows).</summary>
    public DateTimeOffset? ClosedAt => StateHistory.FirstOrDefault(c => c.State == ConversationStatus.Closing)?.At;
}
