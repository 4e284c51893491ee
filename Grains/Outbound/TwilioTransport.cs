using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Domain;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Outbound;

/// <summary>
/// Twilio's Messages API: a form POST to the connector's account with the auth token as basic-auth password, from
/// the channel's number (<c>whatsapp:+...</c> for WhatsApp senders) to the customer's, files as <c>MediaUrl</c> links
/// Twilio fetches. Twilio taking it is "sent";
/// its status callbacks, addressed to this very message, move it on to delivered, read or failed.
/// </summary>
public sealed class TwilioTransport(ConnectorSecrets connectorSecrets, AttachmentLinks attachmentLinks, IOptions<ProviderApiOptions> options) : IConnectorTransport
{
    /// <summary>The gateway's status callback route for connector {0} (its <c>TwilioEndpoints.StatusPath</c>).</summary>
    public const string StatusCallbackPath = "/api/channels/twilio/{0}/status";

    public ConnectorKind Kind => ConnectorKind.Twilio;

    public async Task<TransportCall> PrepareAsync(OutboundMessage message, ChannelConnector connector, CancellationToken cancellationToken)
    {
        var (media, refusal) = attachmentLinks.For(message);
        if (refusal is not null)
        {
            return TransportCall.Refuse(refusal);
        }

        var accountSid = connector.Twilio!.AccountSid;
        // Retried, not failed: the admin may set the token while the message waits.
        var authToken = await connectorSecrets.ProviderSecretAsync(connector.Id, ConnectorRules.TwilioAuthToken)
            ?? throw new InvalidOperationException($"connector '{connector.Id}' has no Twilio auth token set");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("To", message.CustomerChannelIdentifier),
            new("From", message.ServiceIdentifier),
            new("Body", message.Text),
        };
        fields.AddRange((media ?? []).Select(m => new KeyValuePair<string, string>("MediaUrl", m.Url)));
        if (StatusCallback(connector.Id, message) is { } statusCallback)
        {
            fields.Add(new("StatusCallback", statusCallback));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"{options.Value.TwilioApiBase.AbsoluteUri.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(accountSid)}/Messages.json")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
        return TransportCall.Send(request, DeliveryOutcome.Sent);
    }

    /// <summary>Names the message in the URL Twilio signs, so a report is checked and found without a lookup.</summary>
    private string? StatusCallback(string connectorId, OutboundMessage message) =>
        options.Value.PublicUrl(string.Format(CultureInfo.InvariantCulture, StatusCallbackPath, Uri.EscapeDataString(connectorId)))
            is { } url
            ? $"{url}?conversationId={Uri.EscapeDataString(message.ConversationId)}&sequence={message.Sequence.ToString(CultureInfo.InvariantCulture)}"
            : null;
}
