using System.Text.RegularExpressions;
using Conversations.Activities;

namespace Conversations.Domain;

/// <summary>What the files a message carries must look like before the message is logged.</summary>
public static partial class AttachmentRules
{
    /// <summary>Twilio sends at most ten media per message; nobody needs more.</summary>
    public const int MaxAttachments = 10;

    public const int MaxNameLength = 255;
    public const int MaxReferenceLength = 2048;

    /// <summary>What the runtime keeps of one upload at most, whatever a gateway is configured to take.</summary>
    public const long MaxUploadBytes = 16 * 1024 * 1024;

    public static void Validate(IReadOnlyList<MessageAttachment>? attachments)
    {
        if (attachments is null)
        {
            return;
        }

        if (attachments.Count > MaxAttachments)
        {
            throw DomainException.Invalid($"A message carries at most {MaxAttachments} attachments.");
        }

        foreach (var attachment in attachments)
        {
            if (attachment is null)
            {
                throw DomainException.Invalid("An attachment cannot be null.");
            }

            ValidateFile(attachment.ContentType, attachment.Name);
            TextRules.RequireLine(attachment.Reference, "attachment reference", MaxReferenceLength);
            if (attachment.Size is < 0 || !Enum.IsDefined(attachment.Source))
            {
                throw DomainException.Invalid("An attachment's size cannot be negative, and its source must be one the gateway can fetch from.");
            }
        }
    }

    /// <summary>
    /// The message's text; a file needs no words with it, so without any its name (or type) stands in for them, as the
    /// providers' pictures say what came.
    /// </summary>
    public static string TextWith(string? text, MessageAttachment? attachment) =>
        string.IsNullOrWhiteSpace(text) && attachment is not null ? $"[{attachment.Name ?? attachment.ContentType}]" : text ?? "";

    /// <summary>An upload, before it is kept: a media type, an optional one-line name, some bytes and not too many.</summary>
    public static void ValidateUpload(string? contentType, string? name, long size, long maxBytes)
    {
        ValidateFile(contentType, name);
        if (size == 0 || size > Math.Min(maxBytes, MaxUploadBytes))
        {
            throw DomainException.Invalid($"An upload has 1 to {Math.Min(maxBytes, MaxUploadBytes)} bytes; this one has {size}.");
        }
    }

    private static void ValidateFile(string? contentType, string? name)
    {
        if (contentType is null || !ContentTypePattern().IsMatch(contentType))
        {
            throw DomainException.Invalid("An attachment's content type must be a media type such as image/jpeg.");
        }

        TextRules.OptionalLine(name, "attachment name", MaxNameLength);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\z")]
    private static partial Regex ContentTypePattern();
}
