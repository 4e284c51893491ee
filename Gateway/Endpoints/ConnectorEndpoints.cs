using System.Security.Claims;
using Conversations.Gateway.Security;
using Conversations.Inbound;

namespace Conversations.Gateway.Endpoints;

/// <summary>A customer message as a connector posts it; channel data is optional.</summary>
public sealed record InboundMessageRequest(
    string ServiceIdentifier,
    string CustomerChannelIdentifier,
    string ConnectorMessageId,
    string Text,
    Dictionary<string, string>? ChannelData = null)
{
    public InboundMessage ToMessage() =>
        new(ServiceIdentifier, CustomerChannelIdentifier, ConnectorMessageId, Text, ChannelData ?? []);
}

/// <summary>What connectors call: inbound customer messages and customer events.</summary>
public static class ConnectorEndpoints
{
    public const string PathPrefix = "/api/connector";

    public static void MapConnectorEndpoints(this IEndpointRouteBuilder app)
    {
        // Rate limited after authorization, so the limit is per authenticated connector.
        var connector = app.MapGroup(PathPrefix).WithTags("Connector")
            .RequireAuthorization(Policies.Connector).RequireRateLimiting(RateLimits.ConnectorRateLimit);

        // 202 once the message is durably in the activity log; a retry with the same connector
        // message id answers the same ids again. The silo checks the channel is this connector's (403).
        connector.MapPost("/messages", async (InboundMessageRequest request, ClaimsPrincipal user, IClusterClient cluster) =>
            Results.Accepted(value: await Inbound(cluster).ReceiveMessageAsync(user.ConnectorId(), request.ToMessage())));

        connector.MapPost("/events", async (ConnectorEvent connectorEvent, ClaimsPrincipal user, IClusterClient cluster) =>
            Results.Accepted(value: await Inbound(cluster).ReceiveEventAsync(user.ConnectorId(), connectorEvent)));
    }

    private static IInboundGrain Inbound(IClusterClient cluster) => cluster.Get<IInboundGrain>(0);
}
