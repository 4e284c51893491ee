namespace Conversations.Silo.Storage.Postgres;

/// <summary>One archived conversation as the reporting tables hold it: the conversation row and its counts.</summary>
public sealed record ConversationReport(
    string Id,
    string CustomerId,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    string? CloseReason,
    int ChannelSessionCount,
    int ActivityCount,
    int CustomerMessageCount,
    int BotMessageCount,
    int AgentMessageCount,
    IReadOnlyList<string> ChannelSessionIds);
