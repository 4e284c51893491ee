using System.Security.Claims;
using Conversations.Activities;
using Conversations.Attachments;
using Conversations.Connectors;
using Conversations.Conversations;
using Conversations.Domain;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.Security;
using Conversations.Gateway.Streaming;
using Conversations.Gateway.WebChat;
using Conversations.Inbound;
using Conversations.Outbound;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Endpoints;

/// <summary>
/// What a web chat visitor's browser calls (the widget in <c>/webchat</c>): become a visitor, write, end the chat, say
/// what was shown and seen, and follow the conversation live. The gateway is the WEB_CHAT connector here: it speaks
/// for the channel's connector on the inbound path.
/// </summary>
public static class WebChatEndpoints
{
    public const string PathPrefix = "/api/webchat";
    public const string CorsPolicy = "webchat";

    public static void MapWebChatEndpoints(this IEndpointRouteBuilder app)
    {
        // The widget runs on the customer's own site, so any origin may call. No cookies are used (the token travels in
        // a header or the stream's query), so "*" without credentials lends a foreign page nothing of the visitor's.
        var webChat = app.MapGroup(PathPrefix + "/{serviceIdentifier}").WithTags("Web chat").RequireCors(CorsPolicy);

        // Anyone may start a chat, as anyone may open the site; the visitor token is the credential from then on.
        webChat.MapPost("/visitors", IssueVisitorAsync).AllowAnonymous().RequireRateLimiting(RateLimits.NewVisitorRateLimit)
            .WithSummary("A new visitor token; with userId and userHash, the site's signed-in user");

        // Rate limited after authorization, so the limit is per visitor.
        var visitor = webChat.MapGroup(string.Empty).RequireAuthorization(Policies.Visitor).RequireRateLimiting(RateLimits.VisitorRateLimit);
        visitor.MapPost("/messages", SendAsync).WithSummary("The visitor writes; a retry with the same clientMessageId is the same message");
        visitor.MapPost("/uploads", UploadAsync).WithSummary("The visitor uploads a file (raw body, its Content-Type, ?name=) for a message to carry")
            .Produces<StoredUpload>(StatusCodes.Status201Created);
        visitor.MapPost("/end", EndAsync).WithSummary("The visitor ends the chat (CUSTOMER_LEFT)");
        visitor.MapPost("/receipts", ReportAsync).WithSummary("The visitor's browser showed (DELIVERED) or the visitor saw (READ) messages up to a sequence");
        visitor.MapGet("/events", StreamAsync).WithSummary("Server-sent events of the visitor's conversation; resume with Last-Event-ID or ?after=")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task<IResult> IssueVisitorAsync(
        string serviceIdentifier, VisitorRequest request, WebChatChannels channels, ConnectorSecrets secrets, VisitorTokens tokens, VisitorSignedIn signedIn)
    {
        var (userId, userHash) = (request.UserId, request.UserHash);
        WebChatIdentity.Validate(userId, userHash);
        var channel = await channels.FindAsync(serviceIdentifier);
        if (userId is null || userHash is null)
        {
            return Results.Ok(new VisitorIssued(tokens.Issue(serviceIdentifier, WebChatIdentity.NewVisitorIdentifier())));
        }

        // One answer for a channel without an identity secret and a wrong hash: neither tells a prober which it was.
        var secret = await secrets.ProviderSecretAsync(channel.Connector.Id, ConnectorRules.WebChatIdentitySecret);
        if (secret is null || !WebChatIdentity.IsValid(secret, userId, userHash))
        {
            throw DomainException.Forbidden("The user hash does not sign this user id with the channel's identity secret.");
        }

        var user = WebChatIdentity.UserIdentifier(userId);
        // Only a token this deployment signed for this chat's anonymous visitor counts; any other is no earlier chat.
        if (tokens.Read(request.PreviousToken) is { } previous && previous.ServiceIdentifier == serviceIdentifier
            && WebChatIdentity.IsAnonymous(previous.CustomerIdentifier))
        {
            await signedIn.AdoptAsync(channel.Type.IdentityKind, previous.CustomerIdentifier, user);
        }

        return Results.Ok(new VisitorIssued(tokens.Issue(serviceIdentifier, user)));
    }

    private static async Task<IResult> SendAsync(
        string serviceIdentifier, VisitorMessageRequest request, ClaimsPrincipal user, WebChatChannels channels, IClusterClient cluster)
    {
        var customer = user.VisitorOf(serviceIdentifier);
        var channel = await channels.FindAsync(serviceIdentifier);
        var file = await UploadEndpoints.AttachmentAsync(cluster, request.AttachmentId);
        var accepted = await Inbound(cluster).ReceiveMessageAsync(
            channel.Connector.Id,
            new InboundMessage(
                serviceIdentifier, customer, request.ClientMessageId, AttachmentRules.TextWith(request.Text, file), new Dictionary<string, string>(),
                file is null ? null : [file]));
        return Results.Accepted(value: new VisitorMessageAccepted(accepted.Sequence, accepted.Duplicate));
    }

    private static async Task<IResult> UploadAsync(
        string serviceIdentifier, string? name, ClaimsPrincipal user, WebChatChannels channels, IOptions<GatewayOptions> options, IClusterClient cluster, HttpContext http)
    {
        user.VisitorOf(serviceIdentifier);
        await channels.FindAsync(serviceIdentifier);
        return Results.Created((string?)null, await UploadEndpoints.SaveBodyAsync(http, name, options.Value.MaxUploadBytes, cluster));
    }

    private static async Task<IResult> EndAsync(string serviceIdentifier, ClaimsPrincipal user, WebChatChannels channels, IClusterClient cluster)
    {
        var customer = user.VisitorOf(serviceIdentifier);
        var channel = await channels.FindAsync(serviceIdentifier);
        await Inbound(cluster).ReceiveEventAsync(channel.Connector.Id, new ConnectorEvent(serviceIdentifier, customer, ConnectorEventType.CustomerLeft));
        return Results.NoContent();
    }

    /// <summary>Reports each bot and agent message of the visitor's conversation up to the sequence that this moves on.</summary>
    private static async Task<IResult> ReportAsync(
        string serviceIdentifier, ReceiptRequest request, ClaimsPrincipal user, WebChatChannels channels, IClusterClient cluster, HttpContext http)
    {
        if (request.Outcome is not (DeliveryOutcome.Delivered or DeliveryOutcome.Read) || request.UpToSequence < 1)
        {
            throw DomainException.Invalid("A receipt says DELIVERED or READ up to a sequence of 1 or more.");
        }

        var customer = user.VisitorOf(serviceIdentifier);
        var channel = await channels.FindAsync(serviceIdentifier);
        var recorded = 0;
        if ((await channels.CustomerAsync(channel, customer))?.ActiveConversationId is { } conversationId)
        {
            var reports = cluster.Get<IDeliveryReportsGrain>(0);
            await foreach (var activity in cluster.Get<IConversationGrain>(conversationId).ActivitiesAfterAsync(0, http.RequestAborted))
            {
                if (activity.Sequence > request.UpToSequence)
                {
                    break;
                }

                if (activity.Kind is ActivityKind.BotMessage or ActivityKind.AgentMessage && DeliveryProgress.Advances(activity.Delivery, request.Outcome)
                    && await reports.ReportAsync(channel.Connector.Id, conversationId, activity.Sequence, request.Outcome, null))
                {
                    recorded++;
                }
            }
        }

        return Results.Ok(new ReceiptsRecorded(recorded));
    }

    private static async Task StreamAsync(string serviceIdentifier, ClaimsPrincipal user, WebChatChannels channels, VisitorStream stream, HttpContext http)
    {
        var customer = user.VisitorOf(serviceIdentifier);
        await stream.RunAsync(http, await channels.FindAsync(serviceIdentifier), customer);
    }

    private static IInboundGrain Inbound(IClusterClient cluster) => cluster.Get<IInboundGrain>(0);
}
