using System.Text;
using Conversations.Channels;
using Conversations.Customers;

namespace Conversations.Domain;

/// <summary>
/// How a customer identifier from a connector becomes an identity: the channel type's identity kind
/// decides, and values are normalised so "whatsapp:+49 170 1234567" on WhatsApp and "0049-170-1234567"
/// on SMS are the same person.
/// </summary>
public static class CustomerIdentityRules
{
    public const int MaxIdentifierLength = 256;

    private static readonly string[] PhoneSchemes = ["whatsapp:", "tel:", "sms:", "viber:"];

    public static CustomerIdentity Identify(IdentityKind kind, string? rawIdentifier)
    {
        var raw = RequireIdentifier(rawIdentifier);
        return new CustomerIdentity(kind, kind switch
        {
            IdentityKind.Phone => NormalizePhone(raw),
            IdentityKind.Email => NormalizeEmail(raw),
            _ => raw,
        });
    }

    /// <summary>The identifier as any kind takes it, surrounding blanks trimmed: one line of printable text.</summary>
    public static string RequireIdentifier(string? rawIdentifier) =>
        TextRules.RequireLine(rawIdentifier?.Trim(), "customer channel identifier", MaxIdentifierLength);

    private static string NormalizePhone(string raw)
    {
        var value = raw;
        foreach (var scheme in PhoneSchemes)
        {
            if (value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                value = value[scheme.Length..];
                break;
            }
        }

        var digits = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (!(c is ' ' or '-' or '.' or '(' or ')' || (c == '+' && digits.Length == 0)))
            {
                throw DomainException.Invalid($"'{raw}' is not a phone number.");
            }
        }

        var number = digits.ToString();
        if (number.StartsWith("00", StringComparison.Ordinal))
        {
            number = number[2..];
        }

        if (number.Length is < 6 or > 15)
        {
            throw DomainException.Invalid($"'{raw}' is not a phone number (6 to 15 digits with country code).");
        }

        return "+" + number;
    }

    private static string NormalizeEmail(string raw)
    {
        var at = raw.IndexOf('@');
        if (at <= 0 || at != raw.LastIndexOf('@') || at == raw.Length - 1 || raw.Any(char.IsWhiteSpace))
        {
            throw DomainException.Invalid($"'{raw}' is not an email address.");
        }

        return raw.ToLowerInvariant();
    }
}
