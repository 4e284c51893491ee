namespace Conversations.ChannelSessions;

[GenerateSerializer]
public sealed class ChannelSessionState
{
    [Id(0)]
    public ChannelSessionOpening? Opening { get; set; }

    [Id(1)]
    public ChannelSessionStatus Status { get; set; }

    [Id(2)]
    public Dictionary<string, string> ChannelData { get; set; } = new(StringComparer.Ordinal);

    [Id(3)]
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The inactivity deadline as last written; customer messages since then are in the activity log.</summary>
    [Id(4)]
    public DateTimeOffset ExpiresAt { get; set; }

    [Id(5)]
    public DateTimeOffset? ClosedAt { get; set; }

    [Id(6)]
    public SessionCloseReason? CloseReason { get; set; }

    [Id(7)]
    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>The conversation kept this session open past its deadline; nothing to watch until the customer writes.</summary>
    [Id(8)]
    public bool InactivityAcknowledged { get; set; }
}
