namespace Conversations.Agents;

[GenerateSerializer]
public sealed class AgentTaskState
{
    [Id(0)]
    public AgentTaskSpec? Spec { get; set; }

    [Id(1)]
    public AgentTaskStatus State { get; set; }

    [Id(2)]
    public string? AgentId { get; set; }

    [Id(3)]
    public DateTimeOffset EnqueuedAt { get; set; }

    [Id(4)]
    public DateTimeOffset? OfferedAt { get; set; }

    [Id(5)]
    public DateTimeOffset? AnsweredAt { get; set; }

    [Id(6)]
    public DateTimeOffset? WrapUpStartedAt { get; set; }

    [Id(7)]
    public DateTimeOffset? EndedAt { get; set; }

    [Id(8)]
    public List<string> WrapUpCodes { get; set; } = [];

    [Id(9)]
    public string? WrapUpNotes { get; set; }

    [Id(10)]
    public AgentTaskEndReason? EndReason { get; set; }

    [Id(11)]
    public List<AgentTaskStateChange> History { get; set; } = [];

    /// <summary>When the pending offer or the wrap-up runs out, whichever the task is waiting for.</summary>
    [Id(12)]
    public DateTimeOffset? Deadline { get; set; }

    public static AgentTaskState From(AgentTask task) => new()
    {
        Spec = task.Spec,
        State = task.State,
        AgentId = task.AgentId,
        EnqueuedAt = task.EnqueuedAt,
        OfferedAt = task.OfferedAt,
        AnsweredAt = task.AnsweredAt,
        WrapUpStartedAt = task.WrapUpStartedAt,
        EndedAt = task.EndedAt,
        WrapUpCodes = [.. task.WrapUpCodes],
        WrapUpNotes = task.WrapUpNotes,
        EndReason = task.EndReason,
        History = [.. task.History],
        Deadline = task.Deadline,
    };

    /// <summary>The task, or none before it was created.</summary>
    public AgentTask? ToTask(string id) => Spec is null ? null : new(
        id, Spec, State, AgentId, EnqueuedAt, OfferedAt, AnsweredAt, WrapUpStartedAt, EndedAt, [.. WrapUpCodes], WrapUpNotes, EndReason, [.. History], Deadline);
}
