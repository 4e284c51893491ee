namespace Conversations.ChannelSessions;

public enum ChannelSessionStatus
{
    Open,
    Closed,
}

public enum SessionDirection
{
    Inbound,
    Outbound,
}

public enum SessionCloseReason
{
    CustomerLeft,
    Inactivity,
    Controller,
}

/// <summary>What became of a customer message's attempt to use an open session.</summary>
public enum SessionTouch
{
    /// <summary>The session took the message; its deadline now counts from it.</summary>
    Touched,

    /// <summary>Its deadline passed before the message came: the conversation first decides what that means.</summary>
    Expired,

    /// <summary>It closed meanwhile: the message needs a new session.</summary>
    Closed,
}
