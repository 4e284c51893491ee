using Conversations.ChannelSessions;
using Conversations.Outbound;

namespace Conversations.Conversations;

/// <summary>
/// Work a <see cref="Conversation"/> decision leaves for its grain, carried out in order before the
/// decision is stored. Some report back to the model (see each).
/// </summary>
public abstract record ConversationEffect
{
    /// <summary>Open the customer's presence on a channel: the customer wrote (inbound), or the business did (outbound).</summary>
    public sealed record OpenSession(
        string ChannelSessionId,
        string ServiceIdentifier,
        string ChannelTypeCode,
        string CustomerChannelIdentifier,
        IReadOnlyDictionary<string, string> ChannelData,
        TimeSpan InactivityTimeout,
        SessionDirection Direction = SessionDirection.Inbound) : ConversationEffect;

    /// <summary>The customer's message counts on a session kept open past its deadline.</summary>
    public sealed record TouchSession(string ChannelSessionId, IReadOnlyDictionary<string, string> ChannelData) : ConversationEffect;

    public sealed record CloseSession(string ChannelSessionId, SessionCloseReason Reason) : ConversationEffect;

    /// <summary>The controller keeps an idle session open: the session can stop reporting until the customer writes.</summary>
    public sealed record AcknowledgeInactivity(string ChannelSessionId) : ConversationEffect;

    /// <summary>
    /// Hand the conversation to agents on the channel of <paramref name="ServiceIdentifier"/>; answered with
    /// <see cref="Conversation.TaskFor"/>, or <see cref="Conversation.AgentRequestFailed"/> when that channel is gone. With an
    /// <paramref name="Owner"/>, the task goes to that agent or queue (the customer answered an outbound message).
    /// </summary>
    public sealed record RequestAgent(string TaskId, string ChannelSessionId, string ServiceIdentifier, ReplyOwner? Owner = null) : ConversationEffect;

    /// <summary>The customer is gone: the task ends or moves to wrap-up; answered with <see cref="Conversation.TaskObserved"/>.</summary>
    public sealed record EndTaskForCustomerLeft(string TaskId) : ConversationEffect;
}
