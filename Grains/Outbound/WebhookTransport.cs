using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Connectors;
using Conversations.Security;

namespace Conversations.Outbound;

/// <summary>
/// The generic connector API: the message as JSON, POSTed to the connector's webhook and signed with one <c>v1=</c>
/// per connector key good now, so a connector still holding the replaced key can check it too; files as signed links.
/// The connector taking it counts as delivered: what happens after is the connector's business.
/// </summary>
public sealed class WebhookTransport(ConnectorSecrets connectorSecrets, AttachmentLinks attachmentLinks, TimeProvider time) : IConnectorTransport
{
    public ConnectorKind Kind => ConnectorKind.Webhook;

    public async Task<TransportCall> PrepareAsync(OutboundMessage message, ChannelConnector connector, CancellationToken cancellationToken)
    {
        var (links, refusal) = attachmentLinks.For(message);
        if (refusal is not null)
        {
            return TransportCall.Refuse(refusal);
        }

        message = message with { Attachments = links };

        var body = JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, connector.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(ConnectorSignature.ConnectorHeader, message.ConnectorId);
        request.Headers.Add(ConnectorSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        if (await connectorSecrets.GoodNowAsync(message.ConnectorId) is { Count: > 0 } secrets)
        {
            request.Headers.Add(ConnectorSignature.SignatureHeader, ConnectorSignature.Header(secrets, timestamp, body));
        }

        return TransportCall.Send(request, DeliveryOutcome.Delivered);
    }
}
