namespace Conversations.Conversations;

/// <summary>The conversation states, named as in the product's documentation.</summary>
public enum ConversationStatus
{
    Created,
    Active,
    CustomerLeft,
    WrapUp,
    Inactive,
    Closing,
    Closed,
}

/// <summary>What happened to a conversation; the state machine decides what it means.</summary>
public enum ConversationEvent
{
    CustomerSessionOpened,
    AllCustomerSessionsClosed,
    AgentJoined,
    AllAgentsLeft,
    HouseKeepingCompleted,
}
