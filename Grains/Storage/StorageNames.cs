namespace Conversations.Storage;

/// <summary>The grain storage every grain persists to; profiles register their provider under this name.</summary>
public static class StorageNames
{
    public const string GrainState = "conversations";
}

/// <summary>
/// One state name per grain type: the ADO.NET storage keys rows by state name and grain key only,
/// so two grain types sharing a name and a key would overwrite each other.
/// </summary>
public static class StateNames
{
    public const string Conversation = "conversation";
    public const string ChannelSession = "channelSession";
    public const string Customer = "customer";
    public const string CustomerIdentity = "customerIdentity";
    public const string Channel = "channel";
    public const string ChannelCatalog = "channelCatalog";
    public const string ConnectorCredentials = "connectorCredentials";
    public const string Agent = "agent";
    public const string AgentTask = "agentTask";
    public const string Router = "router";
    public const string PullList = "pullList";
    public const string UserAccount = "userAccount";
    public const string UserDirectory = "userDirectory";
    public const string LiveConversations = "liveConversations";
    public const string OutboundRequest = "outboundRequest";
    public const string OutboundBatch = "outboundBatch";
    public const string OutboundBatchChunk = "outboundBatchChunk";
}
