using System.Security.Claims;

namespace Conversations.Gateway.Security;

/// <summary>What the connector authentication puts on the caller: which connector it is.</summary>
public static class ConnectorIdentity
{
    public const string ConnectorClaim = "connector_id";

    /// <summary>The authenticated connector; the connector policy guarantees there is one.</summary>
    public static string ConnectorId(this ClaimsPrincipal user) =>
        user.FindFirst(ConnectorClaim)?.Value ?? throw new InvalidOperationException("The endpoint is missing the connector policy.");
}
