using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conversations.Connectors;

/// <summary>What a signature check found.</summary>
public enum SignatureVerdict
{
    Valid,
    Malformed,
    Stale,
    Mismatch,
}

/// <summary>
/// Signed calls in both directions: <c>v1=</c> and the lower-case hex HMAC-SHA256, keyed with the connector's
/// secret (its UTF-8 bytes), of the unix-seconds timestamp, a dot and the exact body bytes. The timestamp is
/// signed so a captured call cannot be replayed outside the window.
/// </summary>
public static class ConnectorSignature
{
    public const string ConnectorHeader = "X-Conversations-Connector";
    public const string TimestampHeader = "X-Conversations-Timestamp";
    public const string SignatureHeader = "X-Conversations-Signature";
    public const string Version = "v1=";

    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary><c>v1=&lt;hex&gt;</c> for one secret.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) => Version + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    /// <summary>The header value signed with each secret, comma-separated, so a connector that still has the previous one can check it too.</summary>
    public static string Header(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> body)
    {
        var signatures = new List<string>();
        foreach (var secret in secrets)
        {
            signatures.Add(Sign(secret, timestamp, body));
        }

        return string.Join(",", signatures);
    }

    /// <summary>
    /// Valid when the timestamp is within <paramref name="window"/> of <paramref name="now"/> and one of the
    /// header's <c>v1=</c> signatures was made with one of <paramref name="secrets"/> over this body.
    /// </summary>
    public static SignatureVerdict Verify(
        string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan window)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureVerdict.Malformed;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > window.TotalSeconds)
        {
            return SignatureVerdict.Stale;
        }

        var presented = new List<byte[]>();
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(Version, StringComparison.Ordinal) && TryHex(part[Version.Length..]) is { } mac)
            {
                presented.Add(mac);
            }
        }

        if (presented.Count == 0)
        {
            return SignatureVerdict.Malformed;
        }

        var found = false;
        foreach (var secret in secrets)
        {
            var expected = Mac(secret, timestamp, body);
            foreach (var mac in presented)
            {
                found |= CryptographicOperations.FixedTimeEquals(expected, mac);
            }
        }

        return found ? SignatureVerdict.Valid : SignatureVerdict.Mismatch;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    /// <summary>The bytes a hex signature spells; null when it is not hex.</summary>
    internal static byte[]? TryHex(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
