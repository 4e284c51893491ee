using Conversations.Gateway.Security;
using Conversations.Outbound;

namespace Conversations.Gateway.Endpoints;

/// <summary>Supervisors see the messages that could not be delivered to customers, and send them again.</summary>
public static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/api/deliveries").WithTags("Deliveries").RequireAuthorization(Policies.Supervisor);

        deliveries.MapGet("/failed", (int? limit, IClusterClient cluster) => FailedDeliveries(cluster).ListAsync(limit ?? QueryEndpoints.DefaultPageSize));

        deliveries.MapPost("/{conversationId}/{sequence}/retry", async (string conversationId, long sequence, IClusterClient cluster) =>
            await FailedDeliveries(cluster).RetryAsync(conversationId, sequence)
                ? Results.Accepted()
                : throw DomainException.Conflict($"Message {sequence} of {conversationId} has no failed delivery to retry."));
    }

    private static IFailedDeliveriesGrain FailedDeliveries(IClusterClient cluster) => cluster.Get<IFailedDeliveriesGrain>(0);
}
