namespace Conversations.Channels;

/// <summary>Whether a business may still write freely to a customer, and until when (or since when it may not).</summary>
/// <param name="ClosesAt">When the window closes or closed; null when the customer never wrote.</param>
public sealed record ReplyWindow(bool Open, DateTimeOffset? ClosesAt);

/// <summary>
/// WhatsApp's customer service window: for 24 hours after the customer's last message the business may send any
/// message; after that only an approved template, until the customer writes again.
/// </summary>
public static class WhatsAppWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static ReplyWindow At(DateTimeOffset? lastCustomerMessage, DateTimeOffset now) =>
        lastCustomerMessage is { } last ? new ReplyWindow(now < last + Length, last + Length) : new ReplyWindow(false, null);
}
