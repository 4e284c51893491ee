using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Inbound;
using Conversations.Outbound;

namespace Conversations.Customers;

/// <summary>
/// A person (key from <see cref="GrainKeys.NewCustomerId"/>). Holds the customer's one active conversation,
/// so every event of one customer passes here in order.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes the customer for an event that starts its first conversation, with that conversation's id already
    /// chosen: one state write instead of two. Does nothing when the customer exists.
    /// </summary>
    Task EnsureCreatedAsync(CustomerIdentity identity);

    Task<InboundAccepted> ReceiveMessageAsync(ResolvedChannel channel, InboundMessage message);

    Task<ConnectorEventHandled> ReceiveEventAsync(ResolvedChannel channel, ConnectorEvent connectorEvent);

    /// <summary>The business writes to the customer: in the live conversation if there is one, else in a new one.</summary>
    Task<BusinessMessageLogged> SendBusinessMessageAsync(ResolvedChannel channel, BusinessMessage message);

    /// <summary>An agent joined one of the customer's conversations: from then on the agent may write to the customer.</summary>
    [OneWay]
    Task AgentJoinedAsync(string agentId);

    /// <summary>Whether the agent is or was in one of the customer's conversations.</summary>
    [ReadOnly]
    Task<bool> HasWorkedWithAsync(string agentId);

    /// <summary>
    /// Takes an identity and, when another customer held it, merges that customer in: its identities, and
    /// its active conversation when this customer has none. Called by <see cref="ICustomerMergeGrain"/> only,
    /// which runs one merge at a time. Messages forwarded by the merged customer wait until this is done. Null, and
    /// nothing changed, when an identity that had no owner got one meanwhile (its first message): look again.
    /// </summary>
    Task<CustomerView?> AbsorbAsync(CustomerIdentity identity, string? previousOwnerId);

    /// <summary>
    /// Marks this customer as merged into another and hands over its identities and conversation. Runs even
    /// while this customer waits on the target (forwarding a message), and again with the same answer on retry.
    /// </summary>
    [AlwaysInterleave]
    Task<CustomerHandOver> MergeIntoAsync(string targetCustomerId);

    /// <summary>The conversation finished; one-way because the conversation may be serving a call from here.</summary>
    [OneWay]
    Task ConversationEndedAsync(string conversationId);

    [ReadOnly]
    Task<CustomerView?> GetAsync();
}
