using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Accounts;

/// <summary>Password hashes (slow, salted) and refresh tokens (random, stored as a fast hash: they are long and random already).</summary>
internal static class Secrets
{
    private static readonly PasswordHasher<UserAccountState> Passwords = new();

    public static string HashPassword(string password) => Passwords.HashPassword(null!, password);

    public static bool PasswordMatches(string hash, string password) =>
        Passwords.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>A new refresh token for <paramref name="userId"/>: the id tells the gateway which account to ask.</summary>
    public static string NewRefreshToken(string userId) =>
        $"{userId}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
