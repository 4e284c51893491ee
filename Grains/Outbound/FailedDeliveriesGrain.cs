using Conversations.Activities;
using Orleans.Concurrency;

namespace Conversations.Outbound;

// Holds nothing between calls: calls interleave instead of waiting for each other's I/O (see InboundGrain).
[StatelessWorker]
[Reentrant]
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
