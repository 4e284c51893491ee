namespace Conversations.Connectors;

/// <summary>
/// Which of a connector's secrets are good when: the newest always, a replaced one until the overlap given at
/// its rotation ends, so the connector can switch over without refused calls.
/// </summary>
public static class ConnectorSecretRules
{
    public const int DefaultOverlapSeconds = 24 * 3600;
    public const int MaxOverlapSeconds = 7 * 24 * 3600;

    /// <summary>The overlap asked for, or the default; 0 retires the old secrets at once (a leaked key).</summary>
    public static TimeSpan Overlap(int? seconds) => seconds switch
    {
        null => TimeSpan.FromSeconds(DefaultOverlapSeconds),
        >= 0 and <= MaxOverlapSeconds => TimeSpan.FromSeconds(seconds.Value),
        _ => throw DomainException.Invalid($"The overlap must be between 0 and {MaxOverlapSeconds} seconds.", "overlapSeconds"),
    };

    /// <summary>
    /// <paramref name="secret"/> becomes the current one; those before it stay good until <paramref name="overlap"/>
    /// from now at the latest (a shorter earlier overlap is kept), and any no longer good are dropped.
    /// </summary>
    public static IReadOnlyList<ConnectorSecret> Rotate(IReadOnlyList<ConnectorSecret> secrets, string secret, DateTimeOffset now, TimeSpan overlap)
    {
        var until = now + overlap;
        var previous = secrets
            .Select(s => s with { RetiresAt = s.RetiresAt is { } at && at < until ? at : until })
            .Where(s => IsGood(s, now));
        // A plain list: a collection expression's compiler-made type cannot be rebuilt from stored JSON.
        return previous.Prepend(new ConnectorSecret(secret, null)).ToList();
    }

    /// <summary>The secrets a call may be made with at <paramref name="now"/>, newest first.</summary>
    public static IEnumerable<ConnectorSecret> GoodAt(IEnumerable<ConnectorSecret> secrets, DateTimeOffset now) =>
        secrets.Where(s => IsGood(s, now));

    /// <summary>When the last of the replaced secrets stops being good; null when none is.</summary>
    public static DateTimeOffset? PreviousGoodUntil(IReadOnlyList<ConnectorSecret> secrets) =>
        secrets.Max(s => s.RetiresAt);

    private static bool IsGood(ConnectorSecret secret, DateTimeOffset now) => secret.RetiresAt is not { } at || now < at;
}
