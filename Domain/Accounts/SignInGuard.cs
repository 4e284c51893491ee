namespace Conversations.Accounts;

/// <summary>How many wrong passwords lock an account, and for how long.</summary>
public sealed record LockoutPolicy(int Threshold, TimeSpan Duration)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(15));
}

/// <summary>An account's recent failed sign-ins.</summary>
public sealed record SignInAttempts(int Failures, DateTimeOffset? LockedUntil)
{
    public static SignInAttempts None { get; } = new(0, null);

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;
}

public enum SignInVerdict
{
    SignedIn,

    /// <summary>Wrong password, or the account is disabled: the caller is not told which.</summary>
    Refused,

    /// <summary>Too many wrong passwords: no password is checked until the lock ends.</summary>
    LockedOut,
}

/// <summary>
/// The lock-out rule: <see cref="LockoutPolicy.Threshold"/> wrong passwords in a row lock the account for
/// <see cref="LockoutPolicy.Duration"/>; while locked even the right password is refused, so guessing gains nothing.
/// </summary>
public static class SignInGuard
{
    /// <summary>Whether to check the password at all.</summary>
    public static bool MayTry(SignInAttempts attempts, DateTimeOffset now) => !attempts.IsLocked(now);

    public static (SignInVerdict Verdict, SignInAttempts Next) Decide(
        SignInAttempts attempts, bool disabled, bool passwordMatches, DateTimeOffset now, LockoutPolicy policy)
    {
        if (attempts.IsLocked(now))
        {
            return (SignInVerdict.LockedOut, attempts);
        }

        if (passwordMatches && !disabled)
        {
            return (SignInVerdict.SignedIn, SignInAttempts.None);
        }

        var failures = (attempts.LockedUntil is null ? attempts.Failures : 0) + 1;
        return failures >= policy.Threshold
            ? (SignInVerdict.LockedOut, new SignInAttempts(0, now + policy.Duration))
            : (SignInVerdict.Refused, new SignInAttempts(failures, null));
    }
}
