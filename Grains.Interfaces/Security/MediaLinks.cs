using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conversations.Security;

/// <summary>
/// Links to uploaded files that a provider (Twilio, Meta) or a connector fetches without our credentials: the link
/// itself is the permission, for one upload and for a limited time, signed with a key derived from the master key,
/// so any gateway can check what any silo made.
/// </summary>
public sealed class MediaLinks(SecurityKeys keys)
{
    /// <summary>Long enough for a provider to fetch the file it was just given; each delivery attempt makes a new link.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The gateway's path of an upload's link, before its query.</summary>
    public static string PathOf(string uploadId) => $"/api/media/{Uri.EscapeDataString(uploadId)}";

    /// <summary>The link, under <paramref name="publicBaseUrl"/>, good until <paramref name="now"/> plus <see cref="Lifetime"/>.</summary>
    public string Create(string publicBaseUrl, string uploadId, DateTimeOffset now)
    {
        var expires = (now + Lifetime).ToUnixTimeSeconds();
        return $"{publicBaseUrl.TrimEnd('/')}{PathOf(uploadId)}?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Signature(uploadId, expires)}";
    }

    public bool IsValid(string uploadId, long expires, string? signature, DateTimeOffset now) =>
        signature is not null
        && now.ToUnixTimeSeconds() <= expires
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Signature(uploadId, expires)));

    private string Signature(string uploadId, long expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(keys.MediaLinkSigning, Encoding.UTF8.GetBytes($"{uploadId}.{expires.ToString(CultureInfo.InvariantCulture)}")));
}
