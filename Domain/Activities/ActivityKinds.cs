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
    Delivered,
    Failed,
}
