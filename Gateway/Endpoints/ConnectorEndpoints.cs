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
    public static void MapConnectorEndpoints(this IEndpointRouteBuilder app)
    {
        var connector = app.MapGroup("/api/connector").WithTags("Connector").RequireAuthorization(Policies.Connector);

        // 202 once the message is durably in the activity log; a retry with the same connector
        // message id answers the same ids again.
        connector.MapPost("/messages", async (InboundMessageRequest request, IClusterClient cluster) =>
            Results.Accepted(value: await Inbound(cluster).ReceiveMessageAsync(request.ToMessage())));

        connector.MapPost("/events", async (ConnectorEvent connectorEvent, IClusterClient cluster) =>
            Results.Accepted(value: await Inbound(cluster).ReceiveEventAsync(connectorEvent)));
    }

    private static IInboundGrain Inbound(IClusterClient cluster) => cluster.GetGrain<IInboundGrain>(0);
}
