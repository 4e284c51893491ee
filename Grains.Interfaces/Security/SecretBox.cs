using System.Security.Cryptography;
using System.Text;

namespace Conversations.Security;

/// <summary>
/// Encrypts the secrets the runtime must be able to read back (a connector's HMAC key) with AES-256-GCM, so
/// grain state and its backups never hold them in the clear. The output carries its own nonce and tag.
/// </summary>
public sealed class SecretBox(SecurityKeys keys)
{
    private const string Version = "v1.";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public string Seal(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.SecretEncryption, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret, or a <see cref="CryptographicException"/> when the box was sealed with another master key or altered.</summary>
    public string Open(string sealedSecret)
    {
        if (!sealedSecret.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown secret format.");
        }

        var bytes = Convert.FromBase64String(sealedSecret[Version.Length..]);
        if (bytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("Truncated secret.");
        }

        var cipherLength = bytes.Length - NonceBytes - TagBytes;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(keys.SecretEncryption, TagBytes);
        aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, cipherLength), bytes.AsSpan(NonceBytes + cipherLength), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
