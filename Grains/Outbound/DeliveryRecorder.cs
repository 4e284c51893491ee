using Conversations.Activities;
using Conversations.Conversations;

namespace Conversations.Outbound;

/// <summary>
/// Records a message's delivery outcome in the log and, when it moved the message on, tells its conversation, so agents'
/// desks show the tick live (late and repeated provider reports wake nothing).
/// </summary>
public sealed class DeliveryRecorder(IActivityLog activityLog, IGrainFactory grains)
{
    public async Task RecordAsync(string conversationId, long sequence, DeliveryOutcome outcome, string? failure, CancellationToken cancellationToken = default)
    {
        if (await activityLog.RecordDeliveryAsync(conversationId, sequence, outcome, failure, cancellationToken))
        {
            grains.Get<IConversationGrain>(conversationId).OnDeliveryRecordedAsync(sequence).Ignore();
        }
    }
}
