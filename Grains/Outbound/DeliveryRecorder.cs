using Conversations.Activities;
using Conversations.Conversations;

namespace Conversations.Outbound;

/// <summary>Records a message's delivery outcome in the log and tells its conversation, so agents' desks show the tick live.</summary>
public sealed class DeliveryRecorder(IActivityLog activityLog, IGrainFactory grains)
{
    public async Task RecordAsync(string conversationId, long sequence, DeliveryOutcome outcome, string? failure, CancellationToken cancellationToken = default)
    {
        await activityLog.RecordDeliveryAsync(conversationId, sequence, outcome, failure, cancellationToken);
        grains.GetGrain<IConversationGrain>(conversationId).OnDeliveryRecordedAsync(sequence).Ignore();
    }
}
