namespace Conversations.Activities;

/// <summary>
/// A file a message carries, as the channel has it: <see cref="Reference"/> is where the gateway fetches it from
/// (Twilio's media URL, a WhatsApp media id) with the connector's credentials, so the desk reads it through the
/// gateway, with authorization, and never from the provider directly.
/// </summary>
public sealed record MessageAttachment(string ContentType, string? Name, long? Size, AttachmentSource Source, string Reference);

/// <summary>Where an attachment's bytes are kept.</summary>
public enum AttachmentSource
{
    TwilioMedia,
    WhatsAppMedia,
}
