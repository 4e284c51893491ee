using System.Security.Cryptography;
using System.Text;
using Conversations.Domain;

namespace Conversations.Connectors;

/// <summary>
/// A connector's key is <c>&lt;connector id&gt;.&lt;random&gt;</c>: the gateway finds the connector it belongs to
/// without trying every connector, and a connector id has no dot, so the split is unambiguous.
/// </summary>
public static class ConnectorKeys
{
    public static string Compose(string connectorId, string random) => $"{connectorId}.{random}";

    /// <summary>The connector a presented key claims to belong to; null when it is not shaped like a key.</summary>
    public static string? ConnectorIdOf(string key)
    {
        var dot = key.IndexOf('.');
        return dot > 0 && dot < key.Length - 1 && key.IndexOf('.', dot + 1) < 0 && ChannelCatalogRules.IsSlug(key[..dot]) ? key[..dot] : null;
    }

    /// <summary>True when <paramref name="presented"/> is one of <paramref name="valid"/>, compared in fixed time.</summary>
    public static bool Matches(string presented, IEnumerable<string> valid)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        var found = false;
        foreach (var key in valid)
        {
            // No early exit: how long this takes does not say which key came close.
            found |= CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key));
        }

        return found;
    }
}
