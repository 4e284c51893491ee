using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Domain;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Outbound;

/// <summary>
/// The WhatsApp Cloud API: a JSON POST to the connector's phone number's messages, with the access token as bearer,
/// to the customer's number in digits. Inside WhatsApp's 24-hour customer service window the text goes as it is;
/// outside it only an approved template may, so the connector's template is sent instead, and without one the
/// message fails with the reason. Meta taking it is "sent"; its status webhooks, which echo the callback data
/// (<see cref="OutboundMessage.MessageId"/>, conversation and sequence), move it on.
/// </summary>
public sealed class WhatsAppCloudTransport(
    ConnectorSecrets connectorSecrets, IActivityLog activityLog, IOptions<ProviderApiOptions> options, TimeProvider time) : IConnectorTransport
{
    public const string OutsideWindowRefusal = "outside WhatsApp's 24-hour customer service window and no template is configured";

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
        if (window.Open)
        {
            body["type"] = "text";
            body["text"] = new JsonObject { ["body"] = message.Text, ["preview_url"] = false };
        }
        else if (whatsApp.OutsideWindowTemplate is { } template)
        {
            body["type"] = "template";
            body["template"] = new JsonObject { ["name"] = template.Name, ["language"] = new JsonObject { ["code"] = template.Language } };
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
}
