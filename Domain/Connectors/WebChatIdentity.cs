using System.Security.Cryptography;
using System.Text;
using Conversations.Channels;
using Conversations.Customers;
using Conversations.Domain;

namespace Conversations.Connectors;

/// <summary>
/// Who a web chat visitor is. Anonymous visitors get a random identifier; a site that knows its logged-in user signs
/// the user id with the connector's identity secret (hex of HMAC-SHA256, as Intercom and Chatwoot do), and then the
/// identifier is that user's, so the same person on two browsers is one customer. The prefixes keep the two apart: a
/// random visitor id can never be mistaken for a user id.
/// </summary>
public static class WebChatIdentity
{
    public const int MaxUserIdLength = 128;
    private const string VisitorPrefix = "visitor:";
    private const string UserPrefix = "user:";
    private const int HashHexLength = 64;

    public static string NewVisitorIdentifier() =>
        VisitorPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string UserIdentifier(string userId) => UserPrefix + userId;

    public static bool IsAnonymous(string customerIdentifier) => customerIdentifier.StartsWith(VisitorPrefix, StringComparison.Ordinal);

    public static bool IsUser(string customerIdentifier) => customerIdentifier.StartsWith(UserPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Whether a customer may become a signed-in user's: it is only anonymous visitors of web chats of
    /// <paramref name="kind"/>, so neither a user (who signed in with that visitor's token before) nor anyone a
    /// supervisor linked to it is handed to whoever holds the token.
    /// </summary>
    public static bool MayAdopt(IEnumerable<CustomerIdentity> identities, IdentityKind kind) =>
        identities.All(i => i.Kind == kind && IsAnonymous(i.Value));

    /// <summary>
    /// Whether an anonymous visitor's token no longer speaks for its customer: a signed-in user took the chat over
    /// (<see cref="MayAdopt"/>), and a token copied before must not read the user's chat. Other identities a supervisor
    /// linked (a phone, an external id of another connector) retire nothing.
    /// </summary>
    public static bool IsRetired(IEnumerable<CustomerIdentity> identities, IdentityKind kind) =>
        identities.Any(i => i.Kind == kind && IsUser(i.Value));

    /// <summary>hex(HMAC-SHA256(key: identity secret, message: user id)), both UTF-8; what the site computes on its server.</summary>
    public static string Hash(string identitySecret, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(identitySecret), Encoding.UTF8.GetBytes(userId)));

    /// <summary>A signed identity must come whole: a user id of one printable line and a hash of 64 hex digits.</summary>
    public static void Validate(string? userId, string? userHash)
    {
        if (userId is null && userHash is null)
        {
            return;
        }

        TextRules.RequireLine(userId, "user id", MaxUserIdLength);
        if (userHash is not { Length: HashHexLength } || !userHash.All(char.IsAsciiHexDigit))
        {
            throw DomainException.Invalid($"The user hash is {HashHexLength} hex digits: HMAC-SHA256 of the user id keyed with the channel's identity secret.");
        }
    }

    /// <summary>Whether <paramref name="userHash"/> signs <paramref name="userId"/>, compared in fixed time (either case of hex).</summary>
    public static bool IsValid(string identitySecret, string userId, string userHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(identitySecret, userId)), Encoding.ASCII.GetBytes(userHash.ToLowerInvariant()));
}
