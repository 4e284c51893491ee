using Conversations.Activities;
using Conversations.ChannelSessions;

namespace Conversations.Conversations;

/// <summary>One entry of a conversation's state history.</summary>
[GenerateSerializer, Immutable]
public sealed record StateChange(
    [property: Id(0)] ConversationState State,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ConversationEvent? Cause);

/// <summary>Someone taking part in a conversation: the customer, the controller bot, an agent.</summary>
[GenerateSerializer, Immutable]
public sealed record Participant(
    [property: Id(0)] ParticipantRole Role,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset JoinedAt,
    [property: Id(3)] DateTimeOffset? LeftAt);

/// <summary>A conversation as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record ConversationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] ConversationState State,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] IReadOnlyList<StateChange> StateHistory,
    [property: Id(5)] IReadOnlyList<ChannelSessionView> ChannelSessions,
    [property: Id(6)] IReadOnlyList<Participant> Participants);
