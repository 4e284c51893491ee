using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conversations.Gateway.Security;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebChat;

/// <summary>Who a visitor token speaks for: a customer identifier on one web chat channel, since when.</summary>
public sealed record VisitorToken(string ServiceIdentifier, string CustomerIdentifier, DateTimeOffset IssuedAt);

/// <summary>
/// The token a visitor's browser keeps (localStorage) and presents on every call: <c>wv1.payload.signature</c>, the
/// payload base64url JSON of service, customer identifier and issue time, the signature HMAC-SHA256 under a key
/// derived from the master key for this purpose only. Nothing is stored server-side: the signature is the proof.
/// </summary>
public sealed class VisitorTokens(SecurityKeys keys, IOptions<SecurityOptions> options, TimeProvider time)
{
    public const int MaxLength = 1024;
    private const string Version = "wv1";

    /// <summary>Another gateway's clock may run a little ahead of this one.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public string Issue(string serviceIdentifier, string customerIdentifier)
    {
        var payload = new Payload(serviceIdentifier, customerIdentifier, time.GetUtcNow().ToUnixTimeSeconds());
        var signed = $"{Version}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, PayloadJson))}";
        return $"{signed}.{Base64Url.EncodeToString(Sign(signed))}";
    }

    /// <summary>The visitor, or null when the token is malformed, not signed by this deployment, or expired.</summary>
    public VisitorToken? Read(string? token)
    {
        if (token is not { Length: <= MaxLength } || token.Split('.') is not [Version, var payload, var signature]
            || !Base64Url.IsValid(signature) || !Base64Url.IsValid(payload)
            || !CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(signature), Sign($"{Version}.{payload}")))
        {
            return null;
        }

        var read = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(payload), PayloadJson);
        if (read is not { S: { } service, C: { } customer } || read.Iat < 0 || read.Iat > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(read.Iat);
        var now = time.GetUtcNow();
        return issuedAt <= now + ClockSkew && now - issuedAt < options.Value.VisitorTokenLifetime ? new VisitorToken(service, customer, issuedAt) : null;
    }

    private byte[] Sign(string signed) => HMACSHA256.HashData(keys.VisitorTokenSigning, Encoding.ASCII.GetBytes(signed));

    private sealed record Payload(string? S, string? C, long Iat);
}
