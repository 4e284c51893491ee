using Conversations.Timing;

namespace Conversations.ChannelSessions;

/// <summary>
/// A customer's presence on one channel (key from <see cref="GrainKeys.NewChannelSessionId"/>). It keeps
/// its inactivity deadline in the wake-up book and reports expiry to its conversation, whose controller decides.
/// </summary>
public interface IChannelSessionGrain : IWakeUpTarget
{
    Task<ChannelSessionView> OpenAsync(ChannelSessionOpening opening);

    /// <summary>
    /// Records customer activity: moves the inactivity deadline and merges new channel data. Nothing is
    /// recorded when the session closed or its deadline already passed (see <see cref="SessionTouch"/>).
    /// </summary>
    Task<SessionTouch> TouchAsync(IReadOnlyDictionary<string, string> channelData);

    Task<ChannelSessionView> CloseAsync(SessionCloseReason reason);

    /// <summary>The conversation heard of the inactivity and keeps the session open: no more reports until the customer writes.</summary>
    Task AcknowledgeInactivityAsync();

    [ReadOnly]
    Task<ChannelSessionView?> GetAsync();
}
