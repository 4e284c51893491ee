namespace Conversations.Activities;

/// <summary>
/// The append-only log of conversation activities. It lives outside grain state so grain writes stay
/// small: the in-memory log serves the development profile, PostgreSQL the production one.
/// </summary>
public interface IActivityLog
{
    /// <summary>
    /// Appends durably: the task completes once the activities are stored. A customer message whose
    /// service identifier and connector message id are already logged is skipped, never stored twice.
    /// </summary>
    Task AppendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    Task<Activity?> FindByConnectorMessageAsync(string serviceIdentifier, string connectorMessageId, CancellationToken cancellationToken = default);

    Task<ActivityPage> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence logged for the conversation, 0 when none.</summary>
    Task<long> GetLastSequenceAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>When the customer last wrote on this channel session, if ever.</summary>
    Task<DateTimeOffset?> GetLastCustomerActivityAsync(string channelSessionId, CancellationToken cancellationToken = default);

    /// <summary>Records what became of delivering a bot or agent message to the connector.</summary>
    Task RecordDeliveryAsync(string conversationId, long sequence, DeliveryOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>
    /// Bot and agent messages logged before <paramref name="loggedBefore"/> whose delivery has no outcome
    /// yet: their delivery was lost (a silo stopped mid-way) and must be tried again. Oldest first.
    /// </summary>
    Task<IReadOnlyList<Activity>> FindUndeliveredAsync(DateTimeOffset loggedBefore, int limit, CancellationToken cancellationToken = default);
}
