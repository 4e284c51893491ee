using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>
/// What an agent does with a signal: the agent afterwards and whether that needs storing; the routers to
/// tell (by channel type) and what; whether to hand an offered task straight back; what its desks are
/// told about the task; whether it left the task's conversation because the task ended on its own.
/// </summary>
public sealed record AgentDecision(
    AgentSnapshot Agent,
    bool Changed,
    IReadOnlyDictionary<string, AgentAvailability> TellRouters,
    bool HandBack = false,
    AgentEventKind? Desk = null,
    bool LeftConversation = false);
