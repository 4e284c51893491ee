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

    /// <summary>The customer message logged under this key, if any: the same channel, sender and connector message id.</summary>
    Task<Activity?> FindByConnectorMessageAsync(ConnectorMessageKey key, CancellationToken cancellationToken = default);

    Task<ActivityPage> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence logged for the conversation, 0 when none.</summary>
    Task<long> GetLastSequenceAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>When the customer last wrote on this channel session, if ever.</summary>
    Task<DateTimeOffset?> GetLastCustomerActivityAsync(string channelSessionId, CancellationToken cancellationToken = default);

    /// <summary>Records what became of delivering a bot or agent message to the connector.</summary>
    Task RecordDeliveryAsync(string conversationId, long sequence, DeliveryOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims bot and agent messages whose delivery was lost: logged between <paramref name="maxAge"/> and
    /// <paramref name="lostAfter"/> ago, still without an outcome, and not claimed within the last
    /// <paramref name="lostAfter"/>. A claimed message is not claimed again (by any silo) for that long,
    /// so each lost delivery is retried by one silo at a time. Oldest first.
    /// </summary>
    Task<IReadOnlyList<Activity>> ClaimLostDeliveriesAsync(
        DateTimeOffset now, TimeSpan lostAfter, TimeSpan maxAge, int limit, CancellationToken cancellationToken = default);
}
