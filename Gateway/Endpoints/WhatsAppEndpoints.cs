using System.Text.Json;
using Conversations.Channels;
using Conversations.Connectors;
using Conversations.Domain;
using Conversations.Gateway.Channels;
using Conversations.Gateway.Security;
using Conversations.Inbound;
using Conversations.Outbound;
using Conversations.Security;

namespace Conversations.Gateway.Endpoints;

/// <summary>
/// Meta's webhook for the connectors of kind WHATSAPP_CLOUD: the GET handshake that subscribes the callback URL, and
/// the signed POSTs of customers' messages and our messages' statuses (see <see cref="WhatsAppInbound"/>).
/// </summary>
public static partial class WhatsAppEndpoints
{
    public const string WebhookPath = "/api/channels/whatsapp/{connectorId}/webhook";

    public static void MapWhatsAppEndpoints(this IEndpointRouteBuilder app)
    {
        // The verify token, then the signature keyed with the app secret, authenticate Meta.
        var whatsApp = app.MapProviderWebhooks("WhatsApp");
        whatsApp.MapGet(WebhookPath, VerifyAsync)
            .WithSummary("Meta's webhook verification: echoes hub.challenge when hub.verify_token is the connector's verify token")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain");
        whatsApp.MapPost(WebhookPath, ReceiveAsync)
            .WithSummary("Meta's WhatsApp Cloud API webhook (JSON, signed with X-Hub-Signature-256): messages and statuses")
            .Produces(StatusCodes.Status200OK);
    }

    private static async Task<IResult> VerifyAsync(string connectorId, HttpRequest request, ConnectorSecrets secrets)
    {
        var verifyToken = await secrets.WebhookSecretAsync(connectorId, ConnectorRules.WhatsAppVerifyToken);
        var challenge = (string?)request.Query["hub.challenge"];
        // One answer for an unknown connector, one without a verify token and a wrong token: none says which it was.
        if (verifyToken is null || string.IsNullOrEmpty(challenge)
            || !MetaWebhook.IsVerification(request.Query["hub.mode"], request.Query["hub.verify_token"], verifyToken))
        {
            throw DomainException.Forbidden("This is not Meta's subscription handshake with the connector's verify token (hub.mode, hub.verify_token, hub.challenge).");
        }

        return Results.Text(challenge, "text/plain");
    }

    /// <summary>
    /// 200 for every correctly signed notification, whatever in it is ignored: Meta sends anything else again. Only a
    /// cluster that does not answer makes it retry, and messages taken before are then recognised by their wamid.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(
        string connectorId, HttpRequest request, ConnectorSecrets secrets, IClusterClient cluster, ILoggerFactory loggers)
    {
        // The signature covers the exact bytes Meta sent, so they are read before anything parses them.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        var appSecret = await secrets.WebhookSecretAsync(connectorId, ConnectorRules.WhatsAppAppSecret);
        if (appSecret is null || !MetaWebhook.IsSigned(request.Headers[MetaWebhook.SignatureHeader], appSecret, body))
        {
            throw DomainException.Forbidden($"{MetaWebhook.SignatureHeader} is missing or does not sign this body with the connector's app secret.");
        }

        var logger = loggers.CreateLogger(typeof(WhatsAppEndpoints).FullName!);
        foreach (var change in WhatsAppInbound.Changes(Read(body)))
        {
            await HandleAsync(connectorId, change, cluster, logger);
        }

        return Results.Ok();
    }

    private static WhatsAppNotification Read(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<WhatsAppNotification>(body, WhatsAppNotification.Json)
                ?? throw DomainException.Invalid("The body is not a WhatsApp webhook notification.");
        }
        catch (JsonException)
        {
            throw DomainException.Invalid("The body is not a WhatsApp webhook notification (JSON).");
        }
    }

    /// <summary>
    /// A change counts only for the connector's own number: the channel named by its display number must be this
    /// connector's, with the phone number id Meta names, so one connector cannot speak for another's channel.
    /// </summary>
    private static async Task HandleAsync(string connectorId, WhatsAppNumberChange change, IClusterClient cluster, ILogger logger)
    {
        var channel = await cluster.Get<IChannelGrain>(GrainKeys.Channel(change.ServiceIdentifier)).GetAsync();
        if (channel?.Connector is not { Kind: ConnectorKind.WhatsAppCloud } connector
            || connector.Id != connectorId || connector.WhatsAppCloud?.PhoneNumberId != change.PhoneNumberId)
        {
            LogNotThisConnectorsNumber(logger, connectorId, change.PhoneNumberId, change.ServiceIdentifier);
            return;
        }

        foreach (var message in change.Messages)
        {
            await IgnoringRefusalAsync(logger, connectorId, () => cluster.Get<IInboundGrain>(0).ReceiveMessageAsync(connectorId, message));
        }

        foreach (var report in change.Reports)
        {
            await IgnoringRefusalAsync(logger, connectorId, () => cluster.Get<IDeliveryReportsGrain>(0)
                .ReportAsync(connectorId, report.ConversationId, report.Sequence, report.Outcome, report.Failure));
        }
    }

    /// <summary>A part the core refuses (malformed, not this connector's) is logged and skipped: Meta sending it again would not help.</summary>
    private static async Task IgnoringRefusalAsync(ILogger logger, string connectorId, Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (DomainException e)
        {
            LogRefused(logger, connectorId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "WhatsApp connector {ConnectorId} got a change for phone number id {PhoneNumberId} ({ServiceIdentifier}), which is not its channel's; ignored")]
    private static partial void LogNotThisConnectorsNumber(ILogger logger, string connectorId, string phoneNumberId, string serviceIdentifier);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp connector {ConnectorId}: part of a notification was refused and is ignored: {Reason}")]
    private static partial void LogRefused(ILogger logger, string connectorId, string reason);
}
