namespace Conversations.Inbound;

public enum ConnectorEventType
{
    CustomerLeft,
}
