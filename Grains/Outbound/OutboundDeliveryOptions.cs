namespace Conversations.Outbound;

public sealed class OutboundDeliveryOptions
{
    /// <summary>Wait before the first retry; doubled before each following one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a message is tried, counted from when it was logged: connectors and providers go down for hours. Past
    /// it a late message does more harm than good, so its delivery fails, and a lost delivery is not sent again either.
    /// </summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>POSTs under way at the same time; the messages of one conversation go one after the other, in order.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// A bot or agent message still without a delivery outcome, and not claimed by any silo for this long, lost its
    /// delivery (its silo stopped) and is sent again. A silo renews its claims on the deliveries it holds three times
    /// as often, however long they retry.
    /// </summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each silo looks for lost deliveries.</summary>
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lost deliveries handed over again per look.</summary>
    public int RedeliveryBatchSize { get; set; } = 500;

    public DeliverySchedule Schedule => new(InitialBackoff, MaxBackoff, RetryWindow);
}
