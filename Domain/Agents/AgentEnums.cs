namespace Conversations.Agents;

/// <summary>Whether routing may offer the agent work; only Ready is offered. Not ready carries a reason code, a break none.</summary>
public enum AgentPresence
{
    NotReady,
    Ready,
    Break,
}

/// <summary>A human agent's unit of work on a conversation, as the product's reporting names it.</summary>
public enum AgentTaskStatus
{
    Queued,
    Offered,
    Active,
    WrapUp,
    Closed,
    Rejected,
    TimedOut,
    Abandoned,
}

/// <summary>What happens to an agent task.</summary>
public enum AgentTaskEvent
{
    Offer,
    Accept,
    Reject,
    OfferTimeout,
    Pull,
    AgentLeft,
    CustomerLeft,
    SubmitWrapUp,
    WrapUpTimeout,
    Abandon,

    /// <summary>A supervisor gives a waiting or offered task to an agent of their choice.</summary>
    Reassign,
}

/// <summary>Why a task ended; reported in the agent_task row.</summary>
public enum AgentTaskEndReason
{
    Completed,
    CustomerLeft,
    WrapUpTimeout,
    Abandoned,
}

/// <summary>What an agent's desk is told: a new offer, an offer taken back, another change of a task, a message, or a message's delivery.</summary>
public enum AgentEventKind
{
    Offer,
    OfferWithdrawn,
    TaskChanged,
    Message,
    Delivery,
}
