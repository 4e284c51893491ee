using Conversations.Agents;
using Conversations.Gateway.Desk;

namespace Conversations.Gateway.Endpoints;

public sealed record PresenceRequest(AgentPresence Presence);

public sealed record WrapUpRequest(List<string>? Codes = null, string? Notes = null);

public sealed record AgentMessageRequest(string Text, string? ChannelSessionId = null);

/// <summary>The agent desk's API: sign in, presence, offers, pulls, messages, wrap-up and the live event stream.</summary>
public static class AgentEndpoints
{
    public static void MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/agents/{agentId}").WithTags("Agents");

        agents.MapPost("/sign-in", (string agentId, AgentProfile profile, IClusterClient cluster) => Agent(cluster, agentId).SignInAsync(profile));
        agents.MapPost("/sign-out", (string agentId, IClusterClient cluster) => Agent(cluster, agentId).SignOutAsync());
        agents.MapPut("/presence", (string agentId, PresenceRequest request, IClusterClient cluster) =>
            Agent(cluster, agentId).SetPresenceAsync(request.Presence));
        agents.MapGet("/", async (string agentId, IClusterClient cluster) =>
            await Agent(cluster, agentId).GetAsync() ?? throw DomainException.NotFound($"No agent {agentId}."));

        var task = agents.MapGroup("/tasks/{taskId}");
        task.MapPost("/accept", (string agentId, string taskId, IClusterClient cluster) => Agent(cluster, agentId).AcceptAsync(taskId));
        task.MapPost("/reject", (string agentId, string taskId, IClusterClient cluster) => Agent(cluster, agentId).RejectAsync(taskId));
        task.MapPost("/pull", (string agentId, string taskId, IClusterClient cluster) => Agent(cluster, agentId).PullAsync(RequireTaskId(taskId)));
        task.MapPost("/leave", (string agentId, string taskId, IClusterClient cluster) => Agent(cluster, agentId).LeaveAsync(taskId));
        task.MapPost("/wrap-up", (string agentId, string taskId, WrapUpRequest request, IClusterClient cluster) =>
            Agent(cluster, agentId).SubmitWrapUpAsync(taskId, request.Codes ?? [], request.Notes));
        task.MapPost("/messages", async (string agentId, string taskId, AgentMessageRequest request, IClusterClient cluster) =>
            Results.Accepted(value: new { sequence = await Agent(cluster, agentId).SendMessageAsync(taskId, request.Text, request.ChannelSessionId) }));

        agents.MapGet("/events", (string agentId, HttpContext http, AgentDeskStream stream) => stream.RunAsync(agentId, http))
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        var routing = app.MapGroup("/api").WithTags("Routing");
        routing.MapGet("/tasks/{taskId}", async (string taskId, IClusterClient cluster) =>
            await cluster.GetGrain<IAgentTaskGrain>(RequireTaskId(taskId)).GetAsync() ?? throw DomainException.NotFound($"No agent task {taskId}."));
        routing.MapGet("/lists/{name}", (string name, IClusterClient cluster) => cluster.GetGrain<IPullListGrain>(GrainKeys.PullList(name)).ListAsync());
        routing.MapGet("/queues/{channelType}", (string channelType, IClusterClient cluster) =>
            cluster.GetGrain<IRouterGrain>(GrainKeys.Router(channelType)).GetQueueAsync());
    }

    private static IAgentGrain Agent(IClusterClient cluster, string agentId) => cluster.GetGrain<IAgentGrain>(GrainKeys.Agent(agentId));

    private static string RequireTaskId(string taskId) =>
        GrainKeys.IsAgentTaskId(taskId) ? taskId : throw DomainException.NotFound($"No agent task {taskId}.");
}
