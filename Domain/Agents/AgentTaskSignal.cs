using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>Something that happens to an agent task.</summary>
public abstract record AgentTaskSignal
{
    /// <summary>Creates the task; creating it again changes nothing.</summary>
    public sealed record Create(AgentTaskSpec Spec) : AgentTaskSignal;

    /// <summary>A router offers the task; refused (unchanged) when it is not queued any more.</summary>
    public sealed record Offer(string AgentId) : AgentTaskSignal;

    public sealed record Accept(string AgentId) : AgentTaskSignal;

    public sealed record Reject(string AgentId) : AgentTaskSignal;

    public sealed record Pull(string AgentId) : AgentTaskSignal;

    /// <summary>Supervisor <paramref name="By"/> gives the waiting or offered task to an agent: it is offered to them.</summary>
    public sealed record Reassign(string AgentId, string By) : AgentTaskSignal;

    public sealed record AgentLeft(string AgentId) : AgentTaskSignal;

    public sealed record CustomerLeft : AgentTaskSignal;

    public sealed record SubmitWrapUp(string AgentId, IReadOnlyList<string> Codes, string? Notes) : AgentTaskSignal;

    /// <summary>The timer or the reminder fired: the deadline may have passed.</summary>
    public sealed record DeadlineDue : AgentTaskSignal;
}
