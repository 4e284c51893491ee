using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Outbound;

namespace Conversations.Conversations;

/// <summary>
/// A conversation's durable state: small and written on transitions only. Messages live in the activity log.
/// Only <see cref="Conversation"/> changes it, on a copy, so a decision that fails leaves the stored state as it was.
/// </summary>
public sealed class ConversationState
{
    public string? CustomerId { get; set; }

    public ConversationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<StateChange> History { get; set; } = [];

    public List<SessionRef> Sessions { get; set; } = [];

    public List<Participant> Participants { get; set; } = [];

    /// <summary>The controller configuration taken when the conversation started, so it behaves consistently.</summary>
    public ControllerSettings Settings { get; set; } = ControllerSettings.Default;

    public bool WrapUpConfigured { get; set; }

    /// <summary>The agent task requested for this conversation and not yet over, if any.</summary>
    public string? OpenTaskId { get; set; }

    /// <summary>Where the customer wrote last: agent messages go there unless the agent names a session.</summary>
    public string? LastActiveSessionId { get; set; }

    /// <summary>Why the customer's last session closed, which is why the conversation ended.</summary>
    public SessionCloseReason? CloseReason { get; set; }

    /// <summary>Who takes the customer's first reply to an outbound message; cleared once the reply asked for them.</summary>
    public ReplyOwner? ReplyOwner { get; set; }

    /// <summary>The latest business messages' request ids (<see cref="Conversation.RecentRequests"/> of them), to answer a repeat.</summary>
    public List<LoggedBusinessRequest> BusinessRequests { get; set; } = [];

    public ConversationState Copy() => new()
    {
        CustomerId = CustomerId,
        Status = Status,
        CreatedAt = CreatedAt,
        History = [.. History],
        Sessions = [.. Sessions],
        Participants = [.. Participants],
        Settings = Settings,
        WrapUpConfigured = WrapUpConfigured,
        OpenTaskId = OpenTaskId,
        LastActiveSessionId = LastActiveSessionId,
        CloseReason = CloseReason,
        ReplyOwner = ReplyOwner,
        BusinessRequests = [.. BusinessRequests],
    };
}
