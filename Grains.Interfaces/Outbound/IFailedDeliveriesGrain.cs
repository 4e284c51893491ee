using Conversations.Activities;

namespace Conversations.Outbound;

/// <summary>Bot and agent messages whose delivery failed for good, for supervisors to look at and send again.</summary>
public interface IFailedDeliveriesGrain : IGrainWithIntegerKey
{
    /// <summary>The latest failures first, each with its <see cref="Activity.DeliveryFailure"/>.</summary>
    Task<IReadOnlyList<Activity>> ListAsync(int limit);

    /// <summary>Sends a failed message again, with a retry window from now; false when its delivery has not failed.</summary>
    Task<bool> RetryAsync(string conversationId, long sequence);
}
