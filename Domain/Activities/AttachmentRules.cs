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
            if (attachment is null || attachment.ContentType is null || !ContentTypePattern().IsMatch(attachment.ContentType))
            {
                throw DomainException.Invalid("An attachment's content type must be a media type such as image/jpeg.");
            }

            TextRules.OptionalLine(attachment.Name, "attachment name", MaxNameLength);
            TextRules.RequireLine(attachment.Reference, "attachment reference", MaxReferenceLength);
            if (attachment.Size is < 0 || !Enum.IsDefined(attachment.Source))
            {
                throw DomainException.Invalid("An attachment's size cannot be negative, and its source must be one the gateway can fetch from.");
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\z")]
    private static partial Regex ContentTypePattern();
}
