using Conversations.Activities;

namespace Conversations.Conversations;

/// <summary>One entry of a conversation's state history.</summary>
public sealed record StateChange(
    ConversationStatus State,
    DateTimeOffset At,
    ConversationEvent? Cause);

/// <summary>Someone taking part in a conversation: the customer, the controller bot, an agent.</summary>
public sealed record Participant(
    ParticipantRole Role,
    string Id,
    DateTimeOffset JoinedAt,
    DateTimeOffset? LeftAt);

/// <summary>
/// What the conversation remembers of each of its channel sessions; the rest is in the session grain.
/// <paramref name="AwaitingReply"/> while an outbound session has not heard from the customer.
/// </summary>
public sealed record SessionRef(
    string Id,
    string ServiceIdentifier,
    string CustomerChannelIdentifier,
    bool IsOpen,
    bool AwaitingReply = false);
