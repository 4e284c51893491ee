namespace Conversations.Accounts;

/// <summary>One signed-in device: the hash of its refresh token and when that token stops working.</summary>
public sealed record RefreshSession(string TokenHash, DateTimeOffset ExpiresAt);

/// <summary>
/// An account's refresh tokens. Each is good once: redeeming it replaces it with a new one, so a stolen token
/// that the owner has since used is worthless. The oldest sessions give way beyond <see cref="MaxSessions"/>.
/// </summary>
public static class RefreshSessions
{
    public const int MaxSessions = 10;

    public static IReadOnlyList<RefreshSession> Add(IReadOnlyList<RefreshSession> sessions, RefreshSession added, DateTimeOffset now) =>
        [.. sessions.Where(s => s.ExpiresAt > now).OrderByDescending(s => s.ExpiresAt).Take(MaxSessions - 1).Append(added)];

    /// <summary>The sessions without the redeemed one, or null when the token is unknown or expired.</summary>
    public static IReadOnlyList<RefreshSession>? Redeem(IReadOnlyList<RefreshSession> sessions, string tokenHash, DateTimeOffset now) =>
        sessions.Any(s => s.TokenHash == tokenHash && s.ExpiresAt > now)
            ? [.. sessions.Where(s => s.TokenHash != tokenHash && s.ExpiresAt > now)]
            : null;
}
