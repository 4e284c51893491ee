using System.Globalization;

namespace Conversations.Channels;

/// <summary>
/// A WhatsApp error as a delivery failure reason, whether a status webhook reported it or the Cloud API refused the
/// call: Meta's code (which its error reference explains), title and details, cut to a length the log keeps.
/// </summary>
public static class WhatsAppFailure
{
    public const int MaxLength = 500;

    public static string Describe(long? code, string? title, string? details)
    {
        var failure = $"WhatsApp error {code?.ToString(CultureInfo.InvariantCulture) ?? "without code"}: {title ?? "no title"}"
            + (string.IsNullOrEmpty(details) ? string.Empty : $" ({details})");
        return failure.Length <= MaxLength ? failure : failure[..MaxLength];
    }
}
