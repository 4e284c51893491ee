using System.Globalization;
using Conversations.Inbound;

namespace Conversations.Gateway.Channels;

/// <summary>
/// Twilio's incoming-message webhook (SMS, MMS, WhatsApp) as the existing inbound message: <c>To</c> is the channel's
/// service identifier, <c>From</c> the customer, <c>MessageSid</c> the connector message id. What the core has no field
/// for goes to channel data, media links among it: attachments themselves are not stored yet.
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
        if (media > 0)
        {
            channelData["numMedia"] = media.ToString(CultureInfo.InvariantCulture);
        }

        for (var n = 0; n < media; n++)
        {
            foreach (var field in new[] { "MediaUrl", "MediaContentType" })
            {
                if (Value(form, field + n) is { } value)
                {
                    channelData[CamelCase(field) + n] = value;
                }
            }
        }

        return new InboundMessage(Required(form, "To"), Required(form, "From"), Required(form, "MessageSid"), TextOf(form, media), channelData);
    }

    /// <summary>
    /// The body; a message without one (a picture, a shared location) still needs text for the conversation, so it
    /// says what came instead and channel data has the rest.
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
