using Conversations.Connectors;
using Conversations.Domain;
using Conversations.Gateway.Channels;
using Conversations.Gateway.Security;
using Conversations.Inbound;
using Conversations.Outbound;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Endpoints;

/// <summary>Twilio's webhooks, posted as Twilio sends them, for the connectors of kind TWILIO.</summary>
public static class TwilioEndpoints
{
    public const string MessagesPath = "/api/channels/twilio/{connectorId}/messages";

    /// <summary>Where our outbound messages' status callbacks come; the message is named in the query Twilio signs.</summary>
    public const string StatusPath = "/api/channels/twilio/{connectorId}/status";

    /// <summary>Empty TwiML: the message is taken and Twilio has nothing to send back now.</summary>
    private const string EmptyResponse = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static void MapTwilioEndpoints(this IEndpointRouteBuilder app)
    {
        // Twilio's signature, keyed with the connector's auth token, is the authentication.
        var twilio = app.MapProviderWebhooks("Twilio");
        twilio.MapPost(MessagesPath, ReceiveMessageAsync)
            .WithSummary("Twilio's incoming message webhook (form-encoded, signed with X-Twilio-Signature)")
            .Produces(StatusCodes.Status200OK, contentType: "text/xml");
        twilio.MapPost(StatusPath, ReceiveStatusAsync)
            .WithSummary("Twilio's status callback for a message sent through the Messages API (form-encoded, signed with X-Twilio-Signature)")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> ReceiveMessageAsync(
        string connectorId, HttpRequest request, ConnectorSecrets secrets, IOptions<ChannelsOptions> options, IClusterClient cluster)
    {
        return await WithVerifiedFormAsync(connectorId, request, secrets, options.Value, async form =>
        {
            await cluster.Get<IInboundGrain>(0).ReceiveMessageAsync(connectorId, TwilioMessageForm.ToMessage(form));
            return Results.Text(EmptyResponse, "text/xml");
        });
    }

    /// <summary>
    /// A report on a message the connector did not send, or none we know, changes nothing and is still answered 204:
    /// Twilio would only send it again.
    /// </summary>
    private static async Task<IResult> ReceiveStatusAsync(
        string connectorId, string conversationId, long sequence, HttpRequest request, ConnectorSecrets secrets, IOptions<ChannelsOptions> options,
        IClusterClient cluster)
    {
        return await WithVerifiedFormAsync(connectorId, request, secrets, options.Value, async form =>
        {
            if (TwilioStatusReport.Read(form) is ({ } outcome, var failure))
            {
                await cluster.Get<IDeliveryReportsGrain>(0).ReportAsync(connectorId, conversationId, sequence, outcome, failure);
            }

            return Results.NoContent();
        });
    }

    /// <summary>Handles the form once its signature proves Twilio sent it for this connector; else 403.</summary>
    private static async Task<IResult> WithVerifiedFormAsync(
        string connectorId, HttpRequest request, ConnectorSecrets secrets, ChannelsOptions options, Func<IFormCollection, Task<IResult>> handle)
    {
        if (!request.HasFormContentType)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Twilio posts application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var authToken = await secrets.WebhookSecretAsync(connectorId, ConnectorRules.TwilioAuthToken);
        var parameters = form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? string.Empty))).ToList();
        // One answer for an unknown connector, one without an auth token and a bad signature: none says which it was.
        if (authToken is null || !TwilioSignature.IsValid(request.Headers[TwilioSignature.Header], authToken, options.UrlOf(request), parameters))
        {
            throw DomainException.Forbidden(
                $"{TwilioSignature.Header} is missing or does not sign this request with the connector's auth token (is {ChannelsOptions.Section}:PublicBaseUrl the URL Twilio calls?).");
        }

        return await handle(form);
    }
}
