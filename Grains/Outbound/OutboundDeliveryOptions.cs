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
}
