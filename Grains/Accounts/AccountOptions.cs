namespace Conversations.Accounts;

/// <summary>The "Accounts" configuration section of the silo.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int LockoutThreshold { get; set; } = LockoutPolicy.Default.Threshold;

    public TimeSpan LockoutDuration { get; set; } = LockoutPolicy.Default.Duration;

    /// <summary>How long a signed-in device stays signed in without coming back.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public LockoutPolicy Lockout => new(LockoutThreshold, LockoutDuration);
}
