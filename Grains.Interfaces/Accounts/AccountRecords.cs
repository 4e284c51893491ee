namespace Conversations.Accounts;

/// <summary>A user account as admins see it; the password hash and refresh tokens never leave the grain.</summary>
[GenerateSerializer, Immutable]
public sealed record UserAccountView(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>What an admin gives to create an account.</summary>
[GenerateSerializer, Immutable]
public sealed record NewUserAccount(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] IReadOnlyList<string> Roles,
    [property: Id(2)] string Password);

/// <summary>What an admin changes on an account; null leaves a field as it is.</summary>
[GenerateSerializer, Immutable]
public sealed record UserAccountChange(
    [property: Id(0)] string? DisplayName = null,
    [property: Id(1)] IReadOnlyList<string>? Roles = null,
    [property: Id(2)] bool? Disabled = null);

/// <summary>
/// The answer to a sign-in or refresh: on success the account and a new refresh token
/// (<c>userId.secret</c>, only its hash is kept); when locked out, until when.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SignInResult(
    [property: Id(0)] SignInVerdict Verdict,
    [property: Id(1)] UserAccountView? Account = null,
    [property: Id(2)] string? RefreshToken = null,
    [property: Id(3)] DateTimeOffset? LockedUntil = null,
    [property: Id(4)] DateTimeOffset? RefreshTokenExpiresAt = null,
    [property: Id(5)] int SessionGeneration = 0);
