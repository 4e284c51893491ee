using Conversations.Gateway.Security;
using Conversations.Gateway.Supervision;

namespace Conversations.Gateway.Endpoints;

/// <summary>
/// What the supervisor console watches: the waiting work per queue and pull list, the agents, the live
/// conversations. Read-only; a supervisor acts through the task and conversation endpoints.
/// </summary>
public static class SupervisionEndpoints
{
    public static void MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        var supervision = app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(Policies.Supervisor);

        supervision.MapGet("/queues", (IClusterClient cluster) => SupervisionReading.WaitingWorkAsync(cluster));
        supervision.MapGet("/agents", (IClusterClient cluster) => SupervisionReading.AgentsAsync(cluster));
        supervision.MapGet("/conversations", (string? channelType, IClusterClient cluster) =>
            SupervisionReading.ConversationsAsync(cluster, string.IsNullOrEmpty(channelType) ? null : channelType));
    }
}
