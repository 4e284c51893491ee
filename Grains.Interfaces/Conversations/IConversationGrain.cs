using Conversations.Activities;
using Conversations.Channels;
using Conversations.Inbound;
using Conversations.Outbound;
using Conversations.Timing;

namespace Conversations.Conversations;

/// <summary>
/// The container of a customer's channel sessions, agents and bot (key from
/// <see cref="GrainKeys.NewConversationId"/>). Owns the state machine and the activity sequence.
/// </summary>
public interface IConversationGrain : IWakeUpTarget
{
    /// <summary>
    /// Takes a customer message; starts the conversation if it is new. Null when the conversation
    /// has already ended, so the caller starts a new one.
    /// </summary>
    Task<InboundAccepted?> ReceiveCustomerMessageAsync(string customerId, ResolvedChannel channel, InboundMessage message);

    /// <summary>
    /// The business writes to the customer (starting the conversation if it is new): free text only where the channel
    /// allows it now (WhatsApp's window), 409 otherwise. Null when the conversation has already ended, so the caller starts a new one.
    /// </summary>
    Task<BusinessMessageLogged?> SendBusinessMessageAsync(string customerId, ResolvedChannel channel, BusinessMessage message);

    /// <summary>The connector says the customer left this channel.</summary>
    Task<ConnectorEventHandled> CustomerLeftAsync(string serviceIdentifier);

    /// <summary>A channel session's inactivity deadline passed; one-way because the session is mid-timer.</summary>
    [OneWay]
    Task ReportSessionInactiveAsync(string channelSessionId);

    /// <summary>
    /// An agent took the conversation's task: the first agent in makes it Active. False when the customer
    /// is already gone, so there is nothing to join.
    /// </summary>
    Task<bool> AgentJoinedAsync(string agentId, string taskId);

    /// <summary>The delivery of message <paramref name="sequence"/> was recorded: the agents in the conversation see it live.</summary>
    [OneWay]
    Task OnDeliveryRecordedAsync(long sequence);

    /// <summary>
    /// A supervisor gave the agent's task to another agent: the agent leaves, the task stays the conversation's open
    /// one, and nothing follows the last agent leaving; the customer waits for the next agent as after a hand-over.
    /// </summary>
    Task AgentTransferredAsync(string agentId, string taskId);

    /// <summary>An agent left; when it was the last, the controller decides what follows.</summary>
    Task AgentLeftAsync(string agentId);

    /// <summary>An agent writes to the customer, with a file if given; returns the message's sequence number.</summary>
    Task<long> ReceiveAgentMessageAsync(string agentId, string text, string? channelSessionId, MessageAttachment? attachment = null);

    /// <summary>Moves the conversation to another customer after two customer records were merged.</summary>
    Task ReassignCustomerAsync(string customerId);

    [ReadOnly]
    Task<ConversationView?> GetAsync();

    [ReadOnly]
    Task<ActivityPage> GetActivitiesAsync(long afterSequence, int limit);
}
