namespace Conversations.Domain;

/// <summary>
/// What any text the system stores must be, whoever sends it: within its length, and printable. Control
/// characters (NUL, BEL, escape sequences...) and broken UTF-16 are refused, since they spoof what operators
/// and agents see, and PostgreSQL cannot store NUL at all.
/// </summary>
public static class TextRules
{
    /// <summary>A one-line value: a name, identifier, code or key. No control characters at all.</summary>
    /// <param name="field">The request's JSON property holding the value, when the caller knows it (see <see cref="DomainException.Field"/>).</param>
    public static string RequireLine(string? value, string what, int maxLength, string? field = null) =>
        Check(Required(value, what, field), what, maxLength, multiLine: false, field);

    /// <summary>An optional one-line value: null is fine, anything else is a <see cref="RequireLine"/>.</summary>
    public static void OptionalLine(string? value, string what, int maxLength, string? field = null)
    {
        if (value is not null)
        {
            Check(value, what, maxLength, multiLine: false, field);
        }
    }

    /// <summary>Text a person writes (a message, notes): line breaks and tabs are fine, other control characters not.</summary>
    public static string RequireText(string? value, string what, int maxLength, string? field = null) =>
        Check(Required(value, what, field), what, maxLength, multiLine: true, field);

    /// <summary>Optional text a person writes: null or empty is fine, anything else is a <see cref="RequireText"/>.</summary>
    public static void OptionalText(string? value, string what, int maxLength, string? field = null)
    {
        if (value is not null)
        {
            Check(value, what, maxLength, multiLine: true, field);
        }
    }

    private static string Required(string? value, string what, string? field) =>
        string.IsNullOrWhiteSpace(value) ? throw DomainException.Invalid($"The {what} is required.", field) : value;

    private static string Check(string value, string what, int maxLength, bool multiLine, string? field)
    {
        if (value.Length > maxLength)
        {
            throw DomainException.Invalid($"The {what} is longer than {maxLength} characters.", field);
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'))
            {
                throw DomainException.Invalid(
                    $"The {what} contains the control character U+{(int)c:X4}; only printable text{(multiLine ? ", line breaks and tabs" : string.Empty)} is accepted.", field);
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw DomainException.Invalid($"The {what} is not valid Unicode text (a broken surrogate pair).", field);
            }
        }

        return value;
    }
}
