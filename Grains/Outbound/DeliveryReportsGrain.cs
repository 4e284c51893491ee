using Conversations.Activities;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Orleans.Concurrency;

namespace Conversations.Outbound;

// Holds nothing between calls: calls interleave instead of waiting for each other's I/O (see InboundGrain).
[StatelessWorker]
[Reentrant]
public sealed class DeliveryReportsGrain(IActivityLog activityLog, DeliveryRecorder deliveries) : Grain, IDeliveryReportsGrain
{
    public async Task<bool> ReportAsync(string connectorId, string conversationId, long sequence, DeliveryOutcome outcome, string? failure)
    {
        if (sequence < 1 || !await WentOutThroughAsync(connectorId, conversationId, sequence))
        {
            return false;
        }

        await deliveries.RecordAsync(conversationId, sequence, outcome, outcome == DeliveryOutcome.Failed ? failure : null);
        return true;
    }

    private async Task<bool> WentOutThroughAsync(string connectorId, string conversationId, long sequence)
    {
        var page = await activityLog.ReadAsync(conversationId, sequence - 1, 1);
        if (page.Items is not [{ Kind: ActivityKind.BotMessage or ActivityKind.AgentMessage, ChannelSessionId: { } sessionId } message]
            || message.Sequence != sequence)
        {
            return false;
        }

        var session = await GrainFactory.Get<IChannelSessionGrain>(sessionId).GetAsync();
        var channel = session is null ? null : await GrainFactory.Get<IChannelGrain>(GrainKeys.Channel(session.ServiceIdentifier)).GetAsync();
        return channel?.Connector.Id == connectorId;
    }
}
