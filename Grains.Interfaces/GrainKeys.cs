using Conversations.Customers;

namespace Conversations;

/// <summary>
/// String grain keys always carry a type prefix: Orleans can mistake a bare hex-looking string key
/// for another key form, and a prefix also makes ids self-describing in logs and the dashboard.
/// </summary>
public static class GrainKeys
{
    public const string ConversationPrefix = "conv-";
    public const string ChannelSessionPrefix = "cs-";
    public const string CustomerPrefix = "cust-";
    public const string IdentityPrefix = "ident-";
    public const string ChannelPrefix = "chan-";
    public const string ConnectorCredentialsPrefix = "connector-";
    public const string AgentPrefix = "agent-";
    public const string AgentTaskPrefix = "task-";
    public const string RouterPrefix = "router-";
    public const string PullListPrefix = "list-";
    public const string UserPrefix = "user-";
    public const string OutboundRequestPrefix = "outreq-";
    public const string OutboundBatchPrefix = "batch-";
    public const string OutboundPacerPrefix = "pace-";
    public const string CatalogKey = "catalog";
    public const string MergesKey = "merges";

    public static string NewConversationId() => ConversationPrefix + Guid.NewGuid().ToString("N");

    public static string NewChannelSessionId() => ChannelSessionPrefix + Guid.NewGuid().ToString("N");

    public static string NewCustomerId() => CustomerPrefix + Guid.NewGuid().ToString("N");

    public static string NewAgentTaskId() => AgentTaskPrefix + Guid.NewGuid().ToString("N");

    /// <summary>The grain that maps one identity to its customer.</summary>
    public static string Identity(CustomerIdentity identity) =>
        $"{IdentityPrefix}{identity.Kind.ToString().ToLowerInvariant()}-{identity.Value}";

    public static string Channel(string serviceIdentifier) => ChannelPrefix + serviceIdentifier;

    public static string ConnectorCredentials(string connectorId) => ConnectorCredentialsPrefix + connectorId;

    /// <summary>Agents are named by the operator (e.g. "alice"); the prefix keeps their keys apart.</summary>
    public static string Agent(string agentId) => AgentPrefix + agentId;

    /// <summary>An account; its id is also the agent id of the person behind it.</summary>
    public static string User(string userId) => UserPrefix + userId;

    /// <summary>A client's outbound request, by the client's own request id.</summary>
    public static string OutboundRequest(string requestId) => OutboundRequestPrefix + requestId;

    public static string OutboundBatch(string batchId) => OutboundBatchPrefix + batchId;

    public static string OutboundBatchChunk(string batchId, int chunk) => $"{OutboundBatchPrefix}{batchId}#{chunk}";

    public static string OutboundPacer(string serviceIdentifier) => OutboundPacerPrefix + serviceIdentifier;

    public static string Router(string channelTypeCode) => RouterPrefix + channelTypeCode;

    public static string PullList(string listName) => PullListPrefix + listName;

    public static bool IsAgentTaskId(string id) => HasPrefix(id, AgentTaskPrefix);

    public static bool IsConversationId(string id) => HasPrefix(id, ConversationPrefix);

    public static bool IsChannelSessionId(string id) => HasPrefix(id, ChannelSessionPrefix);

    public static bool IsCustomerId(string id) => HasPrefix(id, CustomerPrefix);

    private static bool HasPrefix(string id, string prefix) =>
        id.Length == prefix.Length + 32 && id.StartsWith(prefix, StringComparison.Ordinal);
}
