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
