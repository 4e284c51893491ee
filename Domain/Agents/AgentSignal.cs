using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>Something that happens to an agent.</summary>
public abstract record AgentSignal
{
    public sealed record SignIn(AgentProfile Profile) : AgentSignal;

    /// <summary>Pending offers are turned down first (<see cref="AgentRules.OffersToTurnDown"/>).</summary>
    public sealed record SignOut : AgentSignal;

    /// <param name="Reason">Why the agent is not ready (a reason code such as "Lunch"); only with <see cref="AgentPresence.NotReady"/>.</param>
    public sealed record SetPresence(AgentPresence Presence, string? Reason = null) : AgentSignal;

    /// <summary>The agent acted on a task (accepted, rejected, pulled, left, wrapped up); this is the task now.</summary>
    public sealed record TaskActed(AgentTaskRef Task, string? HolderId) : AgentSignal;

    /// <summary>
    /// A task changed on its own: offered to the agent, offer withdrawn, customer left, wrap-up ran out.
    /// <paramref name="Reassigned"/>: a supervisor made this offer, so presence does not matter.
    /// </summary>
    public sealed record TaskChanged(AgentTaskRef Task, string? HolderId, AgentTaskEndReason? EndReason = null, bool Reassigned = false) : AgentSignal;
}
