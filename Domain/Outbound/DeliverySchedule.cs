namespace Conversations.Outbound;

/// <summary>
/// When a failed delivery is tried again: capped exponential backoff, or the provider's Retry-After when it sent one,
/// for as long as the retry window lasts. Past the window a late message does more harm than good, so it fails.
/// </summary>
public sealed record DeliverySchedule(TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan Window)
{
    /// <summary>
    /// The time of the next attempt after <paramref name="failedAttempts"/> failed ones, or null when it would fall
    /// after the window that opened at <paramref name="windowStart"/>.
    /// </summary>
    public DateTimeOffset? NextAttemptAt(int failedAttempts, DateTimeOffset windowStart, DateTimeOffset now, TimeSpan? retryAfter = null)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(InitialBackoff.Ticks << Math.Clamp(failedAttempts - 1, 0, 30), MaxBackoff.Ticks));
        var next = now + (retryAfter is { } asked && asked > TimeSpan.Zero ? asked : backoff);
        return next <= windowStart + Window ? next : null;
    }

    /// <summary>
    /// A 4xx says the request itself is wrong (bad address, unknown recipient, refused content): sending the same
    /// bytes again cannot help. 408 (timeout) and 429 (slow down) are the exceptions: they ask to be tried later.
    /// </summary>
    public static bool IsPermanent(int statusCode) => statusCode is >= 400 and < 500 and not 408 and not 429;
}
