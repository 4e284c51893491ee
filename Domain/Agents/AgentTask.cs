namespace Conversations.Agents;

/// <summary>
/// One agent task: what it is about, where it stands and who holds it, when each step happened, the
/// wrap-up, and the deadline it waits on (the pending offer's or the wrap-up's).
/// </summary>
public sealed record AgentTask(
    string Id,
    AgentTaskSpec Spec,
    AgentTaskStatus State,
    string? AgentId,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? OfferedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? WrapUpStartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> WrapUpCodes,
    string? WrapUpNotes,
    AgentTaskEndReason? EndReason,
    IReadOnlyList<AgentTaskStateChange> History,
    DateTimeOffset? Deadline)
{
    /// <summary>The task as it waits on a router or a pull list.</summary>
    public QueuedTask Queued => new(Id, Spec.ConversationId, Spec.ChannelTypeCode, EnqueuedAt);
}
