namespace Conversations.Accounts;

[GenerateSerializer]
public sealed class UserAccountState
{
    [Id(0)]
    public string? DisplayName { get; set; }

    [Id(1)]
    public List<string> Roles { get; set; } = [];

    [Id(2)]
    public bool Disabled { get; set; }

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>ASP.NET Core Identity's salted PBKDF2 hash; the password itself is never stored.</summary>
    [Id(4)]
    public string? PasswordHash { get; set; }

    [Id(5)]
    public int FailedSignIns { get; set; }

    [Id(6)]
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>SHA-256 hashes of the refresh tokens handed out, with their expiry.</summary>
    [Id(7)]
    public List<RefreshSessionEntry> Sessions { get; set; } = [];

    /// <summary>Named in every access token; moved on when earlier tokens must stop working (see <c>AccessSessions</c>).</summary>
    [Id(8)]
    public int SessionGeneration { get; set; }

    public bool Exists() => PasswordHash is not null;

    public SignInAttempts Attempts() => new(FailedSignIns, LockedUntil);

    public IReadOnlyList<RefreshSession> RefreshSessions() => [.. Sessions.Select(s => new RefreshSession(s.TokenHash, s.ExpiresAt))];

    public void Set(SignInAttempts attempts) => (FailedSignIns, LockedUntil) = (attempts.Failures, attempts.LockedUntil);

    public void Set(IReadOnlyList<RefreshSession> sessions) =>
        Sessions = [.. sessions.Select(s => new RefreshSessionEntry { TokenHash = s.TokenHash, ExpiresAt = s.ExpiresAt })];
}

[GenerateSerializer]
public sealed class RefreshSessionEntry
{
    [Id(0)]
    public string TokenHash { get; set; } = string.Empty;

    [Id(1)]
    public DateTimeOffset ExpiresAt { get; set; }
}
