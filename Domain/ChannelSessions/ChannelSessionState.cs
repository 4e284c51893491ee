namespace Conversations.ChannelSessions;

/// <summary>A channel session's durable state; <see cref="ChannelSession"/> decides every change.</summary>
public sealed class ChannelSessionState
{
    public ChannelSessionOpening? Opening { get; set; }

    public ChannelSessionStatus Status { get; set; }

    public Dictionary<string, string> ChannelData { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The inactivity deadline as last written; customer messages since then are in the activity log.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public SessionCloseReason? CloseReason { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>The conversation kept this session open past its deadline; nothing to watch until the customer writes.</summary>
    public bool InactivityAcknowledged { get; set; }

    public ChannelSessionState Copy() => new()
    {
        Opening = Opening,
        Status = Status,
        ChannelData = new Dictionary<string, string>(ChannelData, StringComparer.Ordinal),
        OpenedAt = OpenedAt,
        ExpiresAt = ExpiresAt,
        ClosedAt = ClosedAt,
        CloseReason = CloseReason,
        LastActivityAt = LastActivityAt,
        InactivityAcknowledged = InactivityAcknowledged,
    };
}
