namespace Conversations.Silo.Storage.Postgres;

/// <summary>An agent_task row as stored, with the handle time the database derived from its timestamps.</summary>
public sealed record AgentTaskReport(AgentTaskRow Task, int? HandleTimeSeconds);
