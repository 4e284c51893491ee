namespace Conversations.ChannelSessions;

/// <summary>
/// A customer's presence on one channel (key from <see cref="GrainKeys.NewChannelSessionId"/>). It watches
/// its own inactivity deadline and reports expiry to its conversation, whose controller decides.
/// </summary>
public interface IChannelSessionGrain : IGrainWithStringKey
{
    Task<ChannelSessionView> OpenAsync(ChannelSessionOpening opening);

    /// <summary>
    /// Records customer activity: moves the inactivity deadline and merges new channel data. False when
    /// the session is closed (nothing recorded).
    /// </summary>
    Task<bool> TouchAsync(IReadOnlyDictionary<string, string> channelData);

    Task<ChannelSessionView> CloseAsync(SessionCloseReason reason);

    /// <summary>The conversation heard of the inactivity and keeps the session open: no more reports until the customer writes.</summary>
    Task AcknowledgeInactivityAsync();

    [ReadOnly]
    Task<ChannelSessionView?> GetAsync();
}
