using System.Security.Cryptography;
using System.Text;

namespace Conversations.Connectors;

/// <summary>
/// Twilio's webhook signature (<c>X-Twilio-Signature</c>): base64 of the HMAC-SHA1, keyed with the account's auth
/// token, of the URL Twilio called followed by every form parameter's name and value, sorted by name.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>
    /// True when <paramref name="presented"/> signs <paramref name="url"/> and the parameters, compared in fixed time.
    /// Twilio signs with the default port written out or left away inconsistently (its own SDKs accept both), so both count.
    /// </summary>
    public static bool IsValid(string? presented, string authToken, string url, IReadOnlyCollection<KeyValuePair<string, string>> parameters)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes(presented);
        var valid = false;
        foreach (var candidate in WithAndWithoutDefaultPort(url))
        {
            valid |= CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(Compute(authToken, candidate, parameters)));
        }

        return valid;
    }

    /// <summary><paramref name="url"/> as given, and with its scheme's default port added or removed (none when it names another port).</summary>
    public static IEnumerable<string> WithAndWithoutDefaultPort(string url)
    {
        yield return url;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            yield break;
        }

        var defaultPort = url[..schemeEnd].ToLowerInvariant() switch { "https" => ":443", "http" => ":80", _ => null };
        if (defaultPort is null)
        {
            yield break;
        }

        var hostStart = schemeEnd + 3;
        var hostEnd = url.IndexOfAny(['/', '?', '#'], hostStart) is var end and >= 0 ? end : url.Length;
        var authority = url[hostStart..hostEnd];

        if (authority.EndsWith(defaultPort, StringComparison.Ordinal))
        {
            yield return url[..hostStart] + authority[..^defaultPort.Length] + url[hostEnd..];
        }
        // A colon after any IPv6 bracket is a port of its own: that URL is signed only as written.
        else if (authority.LastIndexOf(':') <= authority.LastIndexOf(']'))
        {
            yield return url[..hostStart] + authority + defaultPort + url[hostEnd..];
        }
    }
}
