using Conversations.Inbound;

namespace Conversations.Activities;

/// <summary>
/// The append-only log of conversation activities. It lives outside grain state so grain writes stay
/// small: the in-memory log serves the development profile, PostgreSQL the production one.
/// </summary>
public interface IActivityLog
{
    /// <summary>
    /// Appends durably: the task completes once the activities are stored. A customer message whose
    /// <see cref="ConnectorMessageKey"/> is already logged is skipped, never stored twice.
    /// </summary>
    Task AppendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest <paramref name="limit"/> customer messages of these customers (one and those merged into it) logged
    /// since <paramref name="since"/>: read once when a customer grain activates, so it recognises a connector's repeats
    /// without a read per message.
    /// </summary>
    Task<IReadOnlyList<Activity>> ReadCustomerMessagesSinceAsync(
        IReadOnlyList<string> customerIds, DateTimeOffset since, int limit, CancellationToken cancellationToken = default);

    Task<ActivityPage> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence logged for the conversation, 0 when none.</summary>
    Task<long> GetLastSequenceAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>When the customer last wrote on this channel session, if ever.</summary>
    Task<DateTimeOffset?> GetLastCustomerActivityAsync(string channelSessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records what became of delivering a bot or agent message and, if it failed, why; only when it moves the message's
    /// outcome forward (<see cref="DeliveryProgress"/>), so providers' late or repeated reports change nothing; true when it did.
    /// </summary>
    Task<bool> RecordDeliveryAsync(string conversationId, long sequence, DeliveryOutcome outcome, string? failure = null, CancellationToken cancellationToken = default);

    /// <summary>Bot and agent messages whose delivery failed for good, the latest failure first.</summary>
    Task<IReadOnlyList<Activity>> ListFailedDeliveriesAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a failed delivery back to "under way" (no outcome, no failure) and claims it as of <paramref name="now"/>,
    /// so the caller sends it again and no sweep does so meanwhile. Null when the message's delivery has not failed.
    /// </summary>
    Task<Activity?> ReopenFailedDeliveryAsync(string conversationId, long sequence, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims as of <paramref name="now"/> messages whose delivery is under way here: a delivery retrying for hours
    /// (or queued behind one) is not lost, and must not be claimed by <see cref="ClaimLostDeliveriesAsync"/>.
    /// </summary>
    Task RenewDeliveryClaimsAsync(IReadOnlyCollection<DeliveryKey> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims bot and agent messages whose delivery was lost: logged between <paramref name="maxAge"/> and
    /// <paramref name="lostAfter"/> ago, still without an outcome, and not claimed within the last
    /// <paramref name="lostAfter"/>. A claimed message is not claimed again (by any silo) for that long,
    /// so each lost delivery is retried by one silo at a time. Oldest first.
    /// </summary>
    Task<IReadOnlyList<Activity>> ClaimLostDeliveriesAsync(
        DateTimeOffset now, TimeSpan lostAfter, TimeSpan maxAge, int limit, CancellationToken cancellationToken = default);
}
