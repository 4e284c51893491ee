using Conversations.Activities;

namespace Conversations.Outbound;

[StatelessWorker]
public sealed class FailedDeliveriesGrain(IActivityLog activityLog, LoggedMessageHandOver handOver, TimeProvider time) : Grain, IFailedDeliveriesGrain
{
    public Task<IReadOnlyList<Activity>> ListAsync(int limit) =>
        activityLog.ListFailedDeliveriesAsync(Math.Clamp(limit, 1, ActivityPages.MaxLimit));

    public async Task<bool> RetryAsync(string conversationId, long sequence)
    {
        var now = time.GetUtcNow();
        if (await activityLog.ReopenFailedDeliveryAsync(conversationId, sequence, now) is not { } message)
        {
            return false;
        }

        // The window opens now: a supervisor retrying a day-old message means it to be tried, not failed at once.
        await handOver.HandOverAsync(message, windowStart: now);
        return true;
    }
}
