using Conversations.Activities;
using Conversations.Channels;

namespace Conversations.Agents;

[GenerateSerializer, Immutable]
public sealed record AgentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Name,
    [property: Id(2)] bool SignedIn,
    [property: Id(3)] AgentPresence Presence,
    [property: Id(4)] IReadOnlyDictionary<string, int> Capacity,
    [property: Id(5)] IReadOnlyList<AgentTaskRef> Tasks,
    [property: Id(6)] DateTimeOffset AvailableSince,
    [property: Id(7)] string? NotReadyReason,
    [property: Id(8)] DateTimeOffset PresenceSince);

[GenerateSerializer, Immutable]
public sealed record AgentTaskView(
    [property: Id(0)] string Id,
    [property: Id(1)] AgentTaskSpec Spec,
    [property: Id(2)] AgentTaskStatus State,
    [property: Id(3)] string? AgentId,
    [property: Id(4)] DateTimeOffset EnqueuedAt,
    [property: Id(5)] DateTimeOffset? OfferedAt,
    [property: Id(6)] DateTimeOffset? AnsweredAt,
    [property: Id(7)] DateTimeOffset? WrapUpStartedAt,
    [property: Id(8)] DateTimeOffset? EndedAt,
    [property: Id(9)] IReadOnlyList<string> WrapUpCodes,
    [property: Id(10)] string? WrapUpNotes,
    [property: Id(11)] AgentTaskEndReason? EndReason,
    [property: Id(12)] IReadOnlyList<AgentTaskStateChange> History,
    [property: Id(13)] DateTimeOffset? WrapUpDeadline);

/// <summary>
/// Something an agent's desk is told live. Message events carry the conversation's activity (with its
/// sequence number), so a desk that reconnects replays what it missed from the activity log. Delivery events name the
/// message whose delivery moved on (<see cref="Sequence"/>); the desk reads it again from the log.
/// </summary>
[GenerateSerializer]
public sealed record AgentEvent(
    [property: Id(0)] AgentEventKind Kind,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string? TaskId,
    [property: Id(3)] AgentTaskStatus? TaskState,
    [property: Id(4)] Activity? Activity,
    [property: Id(5)] long? Sequence = null);
