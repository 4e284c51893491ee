using Conversations.Activities;
using Conversations.ChannelSessions;
using Conversations.Outbound;

namespace Conversations.Conversations;

/// <summary>An activity a decision appends to the conversation's log, numbered in the conversation's sequence.</summary>
public sealed record ConversationActivity(
    long Sequence,
    ActivityKind Kind,
    ParticipantRole From,
    string? ParticipantId,
    string? ChannelSessionId,
    string? Text,
    DateTimeOffset OccurredAt,
    string? ServiceIdentifier = null,
    string? ConnectorMessageId = null,
    string? Sender = null,
    IReadOnlyDictionary<string, string>? Data = null,
    IReadOnlyList<MessageAttachment>? Attachments = null)
{
    /// <summary>Messages the customer receives through the channel's connector.</summary>
    public bool IsForCustomer => Kind is ActivityKind.BotMessage or ActivityKind.AgentMessage;

    /// <summary>Messages the agents in the conversation see live.</summary>
    public bool IsMessage => Kind is ActivityKind.CustomerMessage or ActivityKind.BotMessage or ActivityKind.AgentMessage;
}

/// <summary>
/// A customer's message as the conversation needs it: the message and what its channel says. <see cref="Sender"/> is
/// the customer channel identifier as normalised for identity, part of what makes a repeat.
/// </summary>
public sealed record CustomerMessage(
    string ServiceIdentifier,
    string ChannelTypeCode,
    string CustomerChannelIdentifier,
    string Sender,
    string ConnectorMessageId,
    string Text,
    IReadOnlyDictionary<string, string> ChannelData,
    TimeSpan InactivityTimeout,
    bool WrapUpConfigured,
    IReadOnlyList<MessageAttachment>? Attachments = null);

/// <summary>
/// A message the business starts or resumes a conversation with on <see cref="ServiceIdentifier"/>: free text or a
/// filled-in template (<see cref="OutboundData"/>), logged as a bot message whose <see cref="Data"/> says so and who asked for it.
/// A new session on the channel is an outbound one, waiting <see cref="InactivityTimeout"/> for the customer.
/// </summary>
public sealed record BusinessMessage(
    string ServiceIdentifier,
    string ChannelTypeCode,
    string CustomerChannelIdentifier,
    string Text,
    IReadOnlyDictionary<string, string> Data,
    TimeSpan InactivityTimeout,
    ReplyOwner? Owner);

/// <summary>What a channel session grain reports of itself when the conversation asks.</summary>
public sealed record ObservedSession(bool Closed, SessionCloseReason? CloseReason, DateTimeOffset ExpiresAt, DateTimeOffset? ClosedAt = null);
