using System.Text.Json;

namespace Conversations.Gateway.Channels;

// Meta's webhook notification for the WhatsApp Cloud API (field "messages" of a whatsapp_business_account), as far as
// the adapter reads it. Everything is optional: Meta adds fields and types, and a part it leaves out is skipped, not an error.

/// <summary>The POSTed body: entries per business account, each with its changes.</summary>
public sealed record WhatsAppNotification(string? Object, IReadOnlyList<WhatsAppEntry>? Entry)
{
    /// <summary>Meta's snake_case names; unknown members are skipped.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

public sealed record WhatsAppEntry(string? Id, IReadOnlyList<WhatsAppChange>? Changes);

public sealed record WhatsAppChange(string? Field, WhatsAppValue? Value);

/// <summary>What happened on one business phone number: customers' messages and the statuses of ours.</summary>
public sealed record WhatsAppValue(
    string? MessagingProduct,
    WhatsAppMetadata? Metadata,
    IReadOnlyList<WhatsAppContact>? Contacts,
    IReadOnlyList<WhatsAppMessage>? Messages,
    IReadOnlyList<WhatsAppStatus>? Statuses);

public sealed record WhatsAppMetadata(string? DisplayPhoneNumber, string? PhoneNumberId);

public sealed record WhatsAppContact(WhatsAppProfile? Profile, string? WaId);

public sealed record WhatsAppProfile(string? Name);

public sealed record WhatsAppMessage(
    string? From,
    string? Id,
    string? Timestamp,
    string? Type,
    WhatsAppText? Text,
    WhatsAppMedia? Image,
    WhatsAppMedia? Document,
    WhatsAppMedia? Audio,
    WhatsAppMedia? Video,
    WhatsAppMedia? Sticker,
    WhatsAppInteractive? Interactive,
    WhatsAppButton? Button,
    WhatsAppLocation? Location)
{
    /// <summary>The media of an image, document, audio, video or sticker message.</summary>
    public WhatsAppMedia? Media => Image ?? Document ?? Audio ?? Video ?? Sticker;
}

public sealed record WhatsAppText(string? Body);

/// <summary>A file kept by Meta under <see cref="Id"/>, fetched with the access token.</summary>
public sealed record WhatsAppMedia(string? Id, string? MimeType, string? Sha256, string? Caption, string? Filename);

/// <summary>A tap on a reply button or a list row of an interactive message.</summary>
public sealed record WhatsAppInteractive(string? Type, WhatsAppReply? ButtonReply, WhatsAppReply? ListReply);

public sealed record WhatsAppReply(string? Id, string? Title, string? Description);

/// <summary>A tap on a template's quick-reply button.</summary>
public sealed record WhatsAppButton(string? Payload, string? Text);

public sealed record WhatsAppLocation(double? Latitude, double? Longitude, string? Name, string? Address);

/// <summary>What became of one of our messages; <see cref="BizOpaqueCallbackData"/> is what we sent it with.</summary>
public sealed record WhatsAppStatus(
    string? Id,
    string? Status,
    string? Timestamp,
    string? RecipientId,
    string? BizOpaqueCallbackData,
    IReadOnlyList<WhatsAppError>? Errors);

public sealed record WhatsAppError(long? Code, string? Title, string? Message, WhatsAppErrorData? ErrorData);

public sealed record WhatsAppErrorData(string? Details);
