using System.Security.Cryptography;
using System.Text;

namespace Conversations.Connectors;

/// <summary>
/// How Meta's webhooks (the WhatsApp Cloud API's) prove they are Meta's: each POST carries
/// <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the exact body bytes keyed with the app secret;
/// subscribing the callback URL is a GET whose <c>hub.verify_token</c> must be the token pasted in the App Dashboard.
/// </summary>
public static class MetaWebhook
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string SignaturePrefix = "sha256=";
    public const string SubscribeMode = "subscribe";

    /// <summary><c>sha256=&lt;hex&gt;</c> over <paramref name="body"/>, as Meta signs it.</summary>
    public static string Sign(string appSecret, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>True when <paramref name="header"/> signs exactly <paramref name="body"/> with <paramref name="appSecret"/>, compared in fixed time.</summary>
    public static bool IsSigned(string? header, string appSecret, ReadOnlySpan<byte> body) =>
        header is not null
        && header.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase)
        && ConnectorSignature.TryHex(header[SignaturePrefix.Length..]) is { } presented
        && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body), presented);

    /// <summary>
    /// True for Meta's subscription handshake with the connector's verify token. Both tokens are hashed first, so
    /// the comparison takes the same time whatever their lengths.
    /// </summary>
    public static bool IsVerification(string? mode, string? presentedToken, string verifyToken) =>
        mode == SubscribeMode
        && presentedToken is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presentedToken)), SHA256.HashData(Encoding.UTF8.GetBytes(verifyToken)));
}
