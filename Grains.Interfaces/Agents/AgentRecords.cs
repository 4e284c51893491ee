using Conversations.Activities;
using Conversations.Channels;

namespace Conversations.Agents;

public enum AgentPresence
{
    NotReady,
    Ready,
}

/// <summary>A human agent's unit of work on a conversation, as the product's reporting names it.</summary>
public enum AgentTaskState
{
    Queued,
    Offered,
    Active,
    WrapUp,
    Closed,
    Rejected,
    TimedOut,
    Abandoned,
}

/// <summary>What happens to an agent task.</summary>
public enum AgentTaskEvent
{
    Offer,
    Accept,
    Reject,
    OfferTimeout,
    Pull,
    AgentLeft,
    CustomerLeft,
    SubmitWrapUp,
    WrapUpTimeout,
    Abandon,
}

/// <summary>Why a task ended; reported in the agent_task row.</summary>
public enum AgentTaskEndReason
{
    Completed,
    CustomerLeft,
    WrapUpTimeout,
    Abandoned,
}

/// <summary>What an agent brings when signing in: how many tasks of each channel type at once (e.g. VOICE 1, WEB 4).</summary>
[GenerateSerializer, Immutable]
public sealed record AgentProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyDictionary<string, int> Capacity);

/// <summary>A task the agent holds: offered to them or in their hands.</summary>
[GenerateSerializer, Immutable]
public sealed record AgentTaskRef(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string ChannelTypeCode,
    [property: Id(3)] AgentTaskState State);

[GenerateSerializer, Immutable]
public sealed record AgentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Name,
    [property: Id(2)] bool SignedIn,
    [property: Id(3)] AgentPresence Presence,
    [property: Id(4)] IReadOnlyDictionary<string, int> Capacity,
    [property: Id(5)] IReadOnlyList<AgentTaskRef> Tasks,
    [property: Id(6)] DateTimeOffset AvailableSince);

/// <summary>
/// What the router needs to know of an agent to choose among agents for one channel type. One-way
/// updates may arrive out of order: the router keeps the one with the highest revision.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AgentAvailability(
    [property: Id(0)] string AgentId,
    [property: Id(1)] bool Ready,
    [property: Id(2)] int FreeCapacity,
    [property: Id(3)] DateTimeOffset AvailableSince,
    [property: Id(4)] long Revision = 0);

/// <summary>What an agent task is about; fixed when the task is created.</summary>
[GenerateSerializer, Immutable]
public sealed record AgentTaskSpec(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string ServiceIdentifier,
    [property: Id(3)] string ChannelTypeCode,
    [property: Id(4)] RoutingMode RoutingMode,
    [property: Id(5)] string? ListName,
    [property: Id(6)] TimeSpan OfferTimeout,
    [property: Id(7)] TimeSpan? WrapUpTimeout);

[GenerateSerializer, Immutable]
public sealed record AgentTaskStateChange(
    [property: Id(0)] AgentTaskState State,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? AgentId);

[GenerateSerializer, Immutable]
public sealed record AgentTaskView(
    [property: Id(0)] string Id,
    [property: Id(1)] AgentTaskSpec Spec,
    [property: Id(2)] AgentTaskState State,
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

/// <summary>A task waiting on a queue or a pull list, in arrival order.</summary>
[GenerateSerializer, Immutable]
public sealed record QueuedTask(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string ChannelTypeCode,
    [property: Id(3)] DateTimeOffset EnqueuedAt);

public enum AgentEventKind
{
    Offer,
    OfferWithdrawn,
    TaskChanged,
    Message,
}

/// <summary>
/// Something an agent's desk is told live. Message events carry the conversation's activity (with its
/// sequence number), so a desk that reconnects replays what it missed from the activity log.
/// </summary>
[GenerateSerializer]
public sealed record AgentEvent(
    [property: Id(0)] AgentEventKind Kind,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string? TaskId,
    [property: Id(3)] AgentTaskState? TaskState,
    [property: Id(4)] Activity? Activity);
