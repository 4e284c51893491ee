namespace Conversations.Outbound;

public sealed class OutboundDeliveryOptions
{
    /// <summary>Attempts per message, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; doubled before each following one.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages delivered at the same time; each message's retries stay in order.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// A bot or agent message still without a delivery outcome this long after it was logged lost its
    /// delivery (its silo stopped) and is sent again. Longer than all retries of one delivery take.
    /// </summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages older than this are not sent again: past it, a late message does more harm than good.</summary>
    public TimeSpan RedeliverWithin { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each silo looks for lost deliveries.</summary>
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lost deliveries handed over again per look.</summary>
    public int RedeliveryBatchSize { get; set; } = 500;
}
