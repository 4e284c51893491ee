using Conversations.Activities;
using Conversations.Channels;
using Conversations.ChannelSessions;

namespace Conversations.Outbound;

/// <summary>Hands a logged bot or agent message to delivery again, through the connector its channel has now.</summary>
public sealed class LoggedMessageHandOver(DeliveryRecorder deliveries, IGrainFactory grains, IOutboundDispatcher outbound)
{
    /// <summary>False when its channel session or channel is gone: nothing can deliver it, so its delivery fails.</summary>
    public async Task<bool> HandOverAsync(Activity message, DateTimeOffset windowStart, CancellationToken cancellationToken = default)
    {
        var session = await grains.Get<IChannelSessionGrain>(message.ChannelSessionId!).GetAsync();
        var channel = session is null ? null : await grains.Get<IChannelGrain>(GrainKeys.Channel(session.ServiceIdentifier)).GetAsync();
        if (session is null || channel is null)
        {
            await deliveries.RecordAsync(
                message.ConversationId, message.Sequence, DeliveryOutcome.Failed, "its channel session or channel no longer exists", cancellationToken);
            return false;
        }

        outbound.Send(channel, message, session.CustomerChannelIdentifier, windowStart);
        return true;
    }
}
