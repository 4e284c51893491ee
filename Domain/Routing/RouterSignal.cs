using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>Something a push router is told, or learns from an offer it made.</summary>
public abstract record RouterSignal
{
    public sealed record TaskEnqueued(QueuedTask Task) : RouterSignal;

    /// <summary>The agent rejected the offer or let it time out.</summary>
    public sealed record TaskReturned(QueuedTask Task, string AgentId) : RouterSignal;

    /// <summary>The task was taken or abandoned: it waits no more, and who declined it no longer matters.</summary>
    public sealed record TaskRemoved(string TaskId) : RouterSignal;

    public sealed record AgentChanged(AgentAvailability Availability) : RouterSignal;

    /// <summary>The task grain took the offer: the agent holds it now.</summary>
    public sealed record OfferMade(TaskOffer Offer) : RouterSignal;

    /// <summary>
    /// A supervisor gave the task to an agent, through this router: as for an offer the router made, it waits no
    /// more and the agent's slot is held; who declined it before still counts if it comes back.
    /// </summary>
    public sealed record TaskReassigned(TaskOffer Offer) : RouterSignal;

    /// <summary>The task grain refused the offer because the task is not queued any more (taken, or the customer left).</summary>
    public sealed record OfferRefused(TaskOffer Offer) : RouterSignal;

    /// <summary>The offer did not get through (the task grain failed or was unreachable).</summary>
    public sealed record OfferFailed(TaskOffer Offer) : RouterSignal;
}
