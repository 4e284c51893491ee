namespace Conversations.Agents;

/// <summary>What an agent brings when signing in: how many tasks of each channel type at once (e.g. VOICE 1, WEB 4).</summary>
public sealed record AgentProfile(
    string Name,
    IReadOnlyDictionary<string, int> Capacity);

/// <summary>A task the agent holds: offered to them or in their hands.</summary>
public sealed record AgentTaskRef(
    string TaskId,
    string ConversationId,
    string ChannelTypeCode,
    AgentTaskStatus State);

/// <summary>
/// One step of a task's history: the state it entered, when, the agent it concerned, and the supervisor who
/// made the step (a reassignment); <paramref name="By"/> is null when the agent, the customer, routing or a deadline did.
/// </summary>
public sealed record AgentTaskStateChange(
    AgentTaskStatus State,
    DateTimeOffset At,
    string? AgentId,
    string? By = null);
