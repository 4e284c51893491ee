using Conversations.Connectors;
using Conversations.Domain;
using Conversations.Gateway.Channels;
using Conversations.Gateway.Security;
using Conversations.Inbound;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Endpoints;

/// <summary>Twilio's webhooks, posted as Twilio sends them, for the connectors of kind TWILIO.</summary>
public static class TwilioEndpoints
{
    public const string MessagesPath = "/api/channels/twilio/{connectorId}/messages";

    /// <summary>Empty TwiML: the message is taken and Twilio has nothing to send back now.</summary>
    private const string EmptyResponse = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static void MapTwilioEndpoints(this IEndpointRouteBuilder app) =>
        // Twilio cannot present our credentials: its signature, keyed with the connector's auth token, is the authentication.
        app.MapPost(MessagesPath, ReceiveMessageAsync).AllowAnonymous().WithTags("Twilio")
            .WithSummary("Twilio's incoming message webhook (form-encoded, signed with X-Twilio-Signature)")
            .Produces(StatusCodes.Status200OK, contentType: "text/xml");

    private static async Task<IResult> ReceiveMessageAsync(
        string connectorId, HttpRequest request, ConnectorSecrets secrets, IOptions<ChannelsOptions> options, IClusterClient cluster)
    {
        if (!request.HasFormContentType)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Twilio posts application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var authToken = ChannelCatalogRules.IsSlug(connectorId) ? await secrets.ProviderSecretAsync(connectorId, ConnectorRules.TwilioAuthToken) : null;
        var parameters = form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? string.Empty))).ToList();
        // One answer for an unknown connector, one without an auth token and a bad signature: none says which it was.
        if (authToken is null || !TwilioSignature.IsValid(request.Headers[TwilioSignature.Header], authToken, options.Value.UrlOf(request), parameters))
        {
            throw DomainException.Forbidden(
                $"{TwilioSignature.Header} is missing or does not sign this request with the connector's auth token (is {ChannelsOptions.Section}:PublicBaseUrl the URL Twilio calls?).");
        }

        await cluster.GetGrain<IInboundGrain>(0).ReceiveMessageAsync(connectorId, TwilioMessageForm.ToMessage(form));
        return Results.Text(EmptyResponse, "text/xml");
    }
}
