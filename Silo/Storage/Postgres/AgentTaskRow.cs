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
    string? EndReason);
