using Conversations.Agents;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// One agent_task reporting row: a human agent's unit of work on a conversation, written when the task
/// ends. Enum-valued columns (routing mode, state, end reason) are stored by name.
/// </summary>
public sealed record AgentTaskRow(
    string TaskId,
    string ConversationId,
    string? CustomerId,
    string? AgentId,
    string? QueueName,
    string? ServiceIdentifier,
    string? ChannelType,
    string? RoutingMode,
    string State,
    DateTimeOffset? EnqueuedAt,
    DateTimeOffset? OfferedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? WrapUpStartedAt,
    DateTimeOffset? WrapUpEndedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> WrapUpCodes,
    string? WrapUpNotes,
    string? EndReason)
{
    /// <summary>The row of a task as its grain sees it; wrap-up ends when the task does.</summary>
    public static AgentTaskRow From(AgentTaskView task) => new(
        task.Id,
        task.Spec.ConversationId,
        task.Spec.CustomerId,
        task.AgentId,
        task.Spec.ListName,
        task.Spec.ServiceIdentifier,
        task.Spec.ChannelTypeCode,
        task.Spec.RoutingMode.ToString(),
        task.State.ToString(),
        task.EnqueuedAt,
        task.OfferedAt,
        task.AnsweredAt,
        task.WrapUpStartedAt,
        task.WrapUpStartedAt is null ? null : task.EndedAt,
        task.EndedAt,
        task.WrapUpCodes,
        task.WrapUpNotes,
        task.EndReason?.ToString());
}
