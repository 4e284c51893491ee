using System.Globalization;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Domain;
using Conversations.Inbound;

namespace Conversations.Gateway.Channels;

/// <summary>One change of a notification, for one business phone number, as the core takes it.</summary>
/// <param name="PhoneNumberId">Meta's id of the number; the connector must have this one.</param>
/// <param name="ServiceIdentifier">The channel: the number's display phone number in E.164.</param>
public sealed record WhatsAppNumberChange(
    string PhoneNumberId, string ServiceIdentifier, IReadOnlyList<InboundMessage> Messages, IReadOnlyList<WhatsAppDeliveryReport> Reports);

/// <summary>A status of one of our messages, named by the conversation and sequence it was sent with.</summary>
public sealed record WhatsAppDeliveryReport(string ConversationId, long Sequence, DeliveryOutcome Outcome, string? Failure);

/// <summary>
/// Meta's webhook notification as inbound messages and delivery reports: the channel is the business number in E.164
/// (<c>metadata.display_phone_number</c> with a '+'), the customer <c>from</c> in E.164, so a phone is one customer on
/// SMS and WhatsApp alike, the connector message id the wamid. Text is the body, a caption or a tapped button's title,
/// else says what came instead; media become attachments (Meta's media id, fetched with the access token). Statuses
/// find our message by <c>biz_opaque_callback_data</c>, which the transport sets to <c>conversationId:sequence</c>.
/// Parts without what they need are left out.
/// </summary>
public static class WhatsAppInbound
{
    public const string MessagesField = "messages";

    public static IEnumerable<WhatsAppNumberChange> Changes(WhatsAppNotification notification) =>
        from entry in notification.Entry ?? []
        from change in entry.Changes ?? []
        where change is { Field: MessagesField, Value.Metadata: { PhoneNumberId: { Length: > 0 }, DisplayPhoneNumber: not null } }
        let value = change.Value!
        let service = E164(value.Metadata!.DisplayPhoneNumber!)
        where service is not null
        select new WhatsAppNumberChange(
            value.Metadata!.PhoneNumberId!,
            service,
            [.. (value.Messages ?? []).Select(m => ToMessage(service, m, value.Contacts)).OfType<InboundMessage>()],
            [.. (value.Statuses ?? []).Select(ToReport).OfType<WhatsAppDeliveryReport>()]);

    /// <summary>Null for a message without sender or id: it could be neither answered nor recognised again.</summary>
    public static InboundMessage? ToMessage(string serviceIdentifier, WhatsAppMessage message, IReadOnlyList<WhatsAppContact>? contacts)
    {
        if (message is not { From: { Length: > 0 } from, Id: { Length: > 0 } id })
        {
            return null;
        }

        var channelData = new Dictionary<string, string>(StringComparer.Ordinal);
        if (contacts?.FirstOrDefault(c => c.WaId == from)?.Profile?.Name is { Length: > 0 } profileName)
        {
            channelData["profileName"] = profileName;
        }

        if (message.Location is { } location)
        {
            Keep(channelData, "latitude", location.Latitude?.ToString(CultureInfo.InvariantCulture));
            Keep(channelData, "longitude", location.Longitude?.ToString(CultureInfo.InvariantCulture));
            Keep(channelData, "address", location.Address);
            Keep(channelData, "label", location.Name);
        }

        var attachments = message.Media is { Id: { Length: > 0 } mediaId } media
            ? new[] { new MessageAttachment(MediaTypeOf(media.MimeType), NameOf(media.Filename), null, AttachmentSource.WhatsAppMedia, mediaId) }
            : null;
        return new InboundMessage(serviceIdentifier, E164(from) ?? from, id, TextOf(message), channelData, attachments);
    }

    /// <summary>Null for a status we did not ask for (no callback data of ours) or do not track (such as deleted).</summary>
    public static WhatsAppDeliveryReport? ToReport(WhatsAppStatus status)
    {
        var outcome = status.Status switch
        {
            "sent" => DeliveryOutcome.Sent,
            "delivered" => DeliveryOutcome.Delivered,
            "read" => DeliveryOutcome.Read,
            "failed" => DeliveryOutcome.Failed,
            _ => (DeliveryOutcome?)null,
        };
        var separator = status.BizOpaqueCallbackData?.LastIndexOf(':') ?? -1;
        if (outcome is null || separator <= 0
            || !long.TryParse(status.BizOpaqueCallbackData.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        return new WhatsAppDeliveryReport(status.BizOpaqueCallbackData![..separator], sequence, outcome.Value, outcome == DeliveryOutcome.Failed ? FailureOf(status) : null);
    }

    /// <summary>The message's text; one without (a picture, a location) says what came instead.</summary>
    private static string TextOf(WhatsAppMessage message) => message switch
    {
        { Text.Body: { } body } when !string.IsNullOrWhiteSpace(body) => body,
        { Media.Caption: { } caption } when !string.IsNullOrWhiteSpace(caption) => caption,
        { Media.Filename: { Length: > 0 } filename } => $"[{message.Type} {filename}]",
        { Media: not null } => $"[{message.Type}]",
        { Interactive.ButtonReply.Title: { Length: > 0 } title } => title,
        { Interactive.ListReply.Title: { Length: > 0 } title } => title,
        { Button.Text: { Length: > 0 } text } => text,
        { Location: { Latitude: { } latitude, Longitude: { } longitude } } =>
            string.Create(CultureInfo.InvariantCulture, $"[location {latitude},{longitude}]"),
        { Type: { Length: > 0 } type } => $"[{type}]",
        _ => "[message without text]",
    };

    private static string FailureOf(WhatsAppStatus status) =>
        status.Errors is [{ } error, ..]
            ? WhatsAppFailure.Describe(error.Code, error.Title ?? error.Message, error.ErrorData?.Details)
            : "WhatsApp reported the message failed without saying why";

    /// <summary>The media type without its parameters: a voice note is <c>audio/ogg; codecs=opus</c>, the log keeps <c>audio/ogg</c>.</summary>
    private static string MediaTypeOf(string? mimeType) =>
        mimeType?.Split(';')[0].Trim() is { Length: > 0 } mediaType ? mediaType : "application/octet-stream";

    /// <summary>A customer's file name, cut to what the log keeps rather than refusing the message for it.</summary>
    private static string? NameOf(string? filename) =>
        filename is { Length: > AttachmentRules.MaxNameLength } ? filename[..AttachmentRules.MaxNameLength] : filename;

    /// <summary>'+' and the digits of a number as Meta writes it (digits only); null when there are none.</summary>
    private static string? E164(string number) =>
        number.Where(char.IsAsciiDigit).ToArray() is { Length: > 0 } digits ? "+" + new string(digits) : null;

    private static void Keep(Dictionary<string, string> channelData, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            channelData[key] = value;
        }
    }
}
