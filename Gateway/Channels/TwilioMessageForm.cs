using System.Globalization;
using Conversations.Activities;
using Conversations.Inbound;

namespace Conversations.Gateway.Channels;

/// <summary>
/// Twilio's incoming-message webhook (SMS, MMS, WhatsApp) as the existing inbound message: <c>To</c> is the channel's
/// service identifier, <c>From</c> the customer, <c>MessageSid</c> the connector message id, each media an attachment
/// the gateway fetches from Twilio with the connector's credentials. What the core has no field for goes to channel data.
/// </summary>
public static class TwilioMessageForm
{
    /// <summary>Twilio sends at most this many media per message.</summary>
    public const int MaxMedia = 10;

    /// <summary>Form fields kept as they are, under a camelCase key.</summary>
    private static readonly string[] Kept = ["ProfileName", "WaId", "Latitude", "Longitude", "Address", "Label"];

    public static InboundMessage ToMessage(IFormCollection form)
    {
        var channelData = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Kept)
        {
            if (Value(form, field) is { } value)
            {
                channelData[CamelCase(field)] = value;
            }
        }

        var media = int.TryParse(Value(form, "NumMedia"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? Math.Min(count, MaxMedia) : 0;
        var attachments = Enumerable.Range(0, media)
            .Where(n => Value(form, "MediaUrl" + n) is not null)
            .Select(n => new MessageAttachment(
                Value(form, "MediaContentType" + n) ?? "application/octet-stream", Name: null, Size: null, AttachmentSource.TwilioMedia, Value(form, "MediaUrl" + n)!))
            .ToList();

        return new InboundMessage(
            Required(form, "To"), Required(form, "From"), Required(form, "MessageSid"), TextOf(form, attachments.Count), channelData, attachments);
    }

    /// <summary>
    /// The body; a message without one (a picture, a shared location) still needs text for the conversation, so it
    /// says what came instead, and the attachments or channel data have the rest.
    /// </summary>
    private static string TextOf(IFormCollection form, int media) =>
        Value(form, "Body") is { } body && !string.IsNullOrWhiteSpace(body) ? body
        : media > 0 ? $"[{media} attachment{(media == 1 ? "" : "s")}]"
        : Value(form, "Latitude") is { } latitude && Value(form, "Longitude") is { } longitude ? $"[location {latitude},{longitude}]"
        : "[message without text]";

    private static string Required(IFormCollection form, string field) =>
        Value(form, field) ?? throw DomainException.Invalid($"The Twilio message has no {field}.");

    private static string? Value(IFormCollection form, string field) =>
        form.TryGetValue(field, out var values) && values.ToString() is { Length: > 0 } value ? value : null;

    private static string CamelCase(string field) => char.ToLowerInvariant(field[0]) + field[1..];
}
