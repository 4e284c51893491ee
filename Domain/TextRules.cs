namespace Conversations.Domain;

/// <summary>
/// What any text the system stores must be, whoever sends it: within its length, and printable. Control
/// characters (NUL, BEL, escape sequences...) and broken UTF-16 are refused, since they spoof what operators
/// and agents see, and PostgreSQL cannot store NUL at all.
/// </summary>
public static class TextRules
{
    /// <summary>A one-line value: a name, identifier, code or key. No control characters at all.</summary>
    public static string RequireLine(string? value, string what, int maxLength) =>
        Check(Required(value, what), what, maxLength, multiLine: false);

    /// <summary>An optional one-line value: null is fine, anything else is a <see cref="RequireLine"/>.</summary>
    public static void OptionalLine(string? value, string what, int maxLength)
    {
        if (value is not null)
        {
            Check(value, what, maxLength, multiLine: false);
        }
    }

    /// <summary>Text a person writes (a message, notes): line breaks and tabs are fine, other control characters not.</summary>
    public static string RequireText(string? value, string what, int maxLength) =>
        Check(Required(value, what), what, maxLength, multiLine: true);

    /// <summary>Optional text a person writes: null or empty is fine, anything else is a <see cref="RequireText"/>.</summary>
    public static void OptionalText(string? value, string what, int maxLength)
    {
        if (value is not null)
        {
            Check(value, what, maxLength, multiLine: true);
        }
    }

    private static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw DomainException.Invalid($"The {what} is required.") : value;

    private static string Check(string value, string what, int maxLength, bool multiLine)
    {
        if (value.Length > maxLength)
        {
            throw DomainException.Invalid($"The {what} is longer than {maxLength} characters.");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'))
            {
                throw DomainException.Invalid(
                    $"The {what} contains the control character U+{(int)c:X4}; only printable text{(multiLine ? ", line breaks and tabs" : string.Empty)} is accepted.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw DomainException.Invalid($"The {what} is not valid Unicode text (a broken surrogate pair).");
            }
        }

        return value;
    }
}
