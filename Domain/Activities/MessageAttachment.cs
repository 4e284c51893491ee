namespace Conversations.Activities;

/// <summary>
/// A file a message carries, as the channel has it: <see cref="Reference"/> is where the gateway fetches it from
/// (Twilio's media URL, a WhatsApp media id, the id of a file uploaded to us), with the connector's credentials where
/// the provider keeps it, so the desk reads it through the gateway, with authorization, never from the provider directly.
/// </summary>
public sealed record MessageAttachment(string ContentType, string? Name, long? Size, AttachmentSource Source, string Reference);

/// <summary>Where an attachment's bytes are kept.</summary>
public enum AttachmentSource
{
    TwilioMedia,
    WhatsAppMedia,

    /// <summary>Uploaded to the gateway (an agent's file, a web chat visitor's) and kept by the runtime.</summary>
    Upload,
}
