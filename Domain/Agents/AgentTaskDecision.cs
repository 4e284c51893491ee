using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>
/// What an agent task does with a signal: the task afterwards (none when it does not exist) and whether
/// that needs storing; whether it just finished (its reporting row is due); what becomes of its deadline
/// and its place in the queue; which agent to tell; and whose pending offer or task in hand a reassignment withdrew.
/// </summary>
public sealed record AgentTaskDecision(
    AgentTask? Task,
    bool Changed,
    bool Finished = false,
    TaskDeadline? Deadline = null,
    TaskQueueChange? Queue = null,
    string? TellAgent = null,
    string? WithdrawFrom = null);
