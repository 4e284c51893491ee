using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Domain;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Outbound;

/// <summary>
/// The WhatsApp Cloud API: a JSON POST to the connector's phone number's messages, with the access token as bearer,
/// to the customer's number in digits. Inside WhatsApp's 24-hour customer service window the text goes as it is, or
/// as the caption of the message's file (one per message, sent as a signed link Meta fetches from the gateway);
/// outside it only an approved template may, so the connector's template is sent instead, and without one the
/// message fails with the reason. Meta taking it is "sent"; its status webhooks, which echo the callback data
/// (<see cref="OutboundMessage.MessageId"/>, conversation and sequence), move it on. A message written with a template (a
/// business-initiated one) goes as that template with its parameters, inside the window or not.
/// </summary>
public sealed class WhatsAppCloudTransport(
    ConnectorSecrets connectorSecrets, AttachmentLinks attachmentLinks, IActivityLog activityLog, IOptions<ProviderApiOptions> options, TimeProvider time)
    : IConnectorTransport
{
    public const string OutsideWindowRefusal = "outside WhatsApp's 24-hour customer service window and no template is configured";

    /// <summary>Meta's error answers are small; a larger one is not read.</summary>
    private const int MaxErrorBytes = 64 * 1024;

    public ConnectorKind Kind => ConnectorKind.WhatsAppCloud;

    public async Task<TransportCall> PrepareAsync(OutboundMessage message, ChannelConnector connector, CancellationToken cancellationToken)
    {
        var whatsApp = connector.WhatsAppCloud!;
        // Retried, not failed: the admin may set the token while the message waits.
        var accessToken = await connectorSecrets.ProviderSecretAsync(connector.Id, ConnectorRules.WhatsAppAccessToken)
            ?? throw new InvalidOperationException($"connector '{connector.Id}' has no WhatsApp access token set");
        var window = WhatsAppWindow.At(await activityLog.GetLastCustomerActivityAsync(message.ChannelSessionId, cancellationToken), time.GetUtcNow());
        JsonObject body = new()
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = new string([.. message.CustomerChannelIdentifier.Where(char.IsAsciiDigit)]),
        };
        var (files, refusal) = attachmentLinks.For(message);
        if (refusal is not null || files is { Count: > 1 })
        {
            return TransportCall.Refuse(refusal ?? "WhatsApp takes one file per message");
        }

        if (message.Template is { } sent)
        {
            body["type"] = "template";
            body["template"] = Template(sent.ProviderName, sent.Language, sent.Parameters);
        }
        else if (window.Open && files is [var file])
        {
            var type = MessageTypeOf(file.ContentType);
            body["type"] = type;
            body[type] = new JsonObject { ["link"] = file.Url, ["caption"] = message.Text };
            if (type == "document" && file.Name is { } name)
            {
                body[type]!["filename"] = name;
            }
        }
        else if (window.Open)
        {
            body["type"] = "text";
            body["text"] = new JsonObject { ["body"] = message.Text, ["preview_url"] = false };
        }
        else if (whatsApp.OutsideWindowTemplate is { } template)
        {
            body["type"] = "template";
            body["template"] = Template(template.Name, template.Language, []);
        }
        else
        {
            return TransportCall.Refuse(OutsideWindowRefusal);
        }

        body["biz_opaque_callback_data"] = message.MessageId;
        var api = options.Value;
        var request = new HttpRequestMessage(
            HttpMethod.Post,
            $"{api.WhatsAppGraphBase.AbsoluteUri.TrimEnd('/')}/{api.WhatsAppGraphVersion}/{Uri.EscapeDataString(whatsApp.PhoneNumberId)}/messages")
        {
            Content = new StringContent(body.ToJsonString(), MediaTypeHeaderValue.Parse("application/json; charset=utf-8")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return TransportCall.Send(request, DeliveryOutcome.Sent);
    }

    /// <summary>An approved template by name and language, its body's parameters in order (Meta numbers them from 1).</summary>
    private static JsonObject Template(string name, string language, IReadOnlyList<string> parameters)
    {
        var template = new JsonObject { ["name"] = name, ["language"] = new JsonObject { ["code"] = language } };
        if (parameters.Count > 0)
        {
            template["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p })]),
            });
        }

        return template;
    }

    /// <summary>
    /// WhatsApp shows JPEG and PNG pictures and MP4 and 3GPP videos as such, with the text as caption; any other file,
    /// voice notes included (they take no caption), goes as a document, so the text is never lost.
    /// </summary>
    private static string MessageTypeOf(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/jpeg" or "image/png" => "image",
        "video/mp4" or "video/3gpp" => "video",
        _ => "document",
    };

    /// <summary>
    /// Meta's error answer, <c>{"error":{"message","code","error_data":{"details"}}}</c>, as the reason; null when the
    /// answer is not one (too large, not JSON, another shape).
    /// </summary>
    public async Task<string?> ExplainRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxErrorBytes, cancellationToken);
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return answer.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? WhatsAppFailure.Describe(
                    error.TryGetProperty("code", out var code) && code.TryGetInt64(out var number) ? number : null,
                    Text(error, "message"),
                    error.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, "details") : null)
                : null;
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
