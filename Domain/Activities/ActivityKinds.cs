namespace Conversations.Activities;

public enum ActivityKind
{
    CustomerMessage,
    BotMessage,
    AgentMessage,
    SystemMessage,
    SessionOpened,
    SessionClosed,
    ParticipantJoined,
    ParticipantLeft,
    StateChanged,
    AgentRequested,
}

public enum ParticipantRole
{
    Customer,
    Bot,
    Agent,
    System,
}

/// <summary>What became of a message for the customer once the connector's webhook was tried.</summary>
public enum DeliveryOutcome
{
    /// <summary>The connector's webhook took it, or the provider reports it on the customer's device.</summary>
    Delivered,
    Failed,

    /// <summary>The provider took it and is carrying it; its own reports move it on.</summary>
    Sent,

    /// <summary>The customer saw it (providers that report reads, the web chat).</summary>
    Read,
}
