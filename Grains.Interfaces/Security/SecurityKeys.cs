using System.Security.Cryptography;
using System.Text;

namespace Conversations.Security;

/// <summary>
/// The keys every process of one deployment shares, all derived from one configured master key
/// (<c>Security:MasterKey</c>, base64 of at least 32 random bytes): the gateway signs access tokens that the
/// silo's dashboard accepts, and connector secrets encrypted by one process are read by the other.
/// Deriving one key per purpose keeps a leak of one use from opening another.
/// </summary>
public sealed class SecurityKeys
{
    public const string MasterKeySetting = "Security:MasterKey";
    private const int MinimumMasterKeyBytes = 32;

    private SecurityKeys(byte[] masterKey)
    {
        AccessTokenSigning = Derive(masterKey, "conversations/access-tokens");
        SecretEncryption = Derive(masterKey, "conversations/connector-secrets");
        MediaLinkSigning = Derive(masterKey, "conversations/media-links");
    }

    /// <summary>HMAC-SHA256 key for the access tokens this deployment issues.</summary>
    public byte[] AccessTokenSigning { get; }

    /// <summary>AES-256-GCM key for secrets kept in grain state.</summary>
    public byte[] SecretEncryption { get; }

    /// <summary>HMAC-SHA256 key for the links providers fetch our uploads with (<see cref="MediaLinks"/>).</summary>
    public byte[] MediaLinkSigning { get; }

    public static SecurityKeys FromMasterKey(string? base64)
    {
        byte[] key;
        try
        {
            key = string.IsNullOrWhiteSpace(base64) ? [] : Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            key = [];
        }

        return key.Length >= MinimumMasterKeyBytes
            ? new SecurityKeys(key)
            : throw new InvalidOperationException(
                $"{MasterKeySetting} must be base64 of at least {MinimumMasterKeyBytes} random bytes, the same for every silo and gateway "
                + "(environment variable Security__MasterKey; make one with: openssl rand -base64 32). ./run.sh makes one for each run.");
    }

    private static byte[] Derive(byte[] masterKey, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.UTF8.GetBytes(purpose));
}
