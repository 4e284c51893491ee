namespace Conversations.Gateway.Security;

/// <summary>What the connector authentication puts on the caller: which connector it is.</summary>
public static class ConnectorIdentity
{
    public const string ConnectorClaim = "connector_id";
}
