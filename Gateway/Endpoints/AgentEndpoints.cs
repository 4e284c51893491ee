using System.Security.Claims;
using Conversations.Agents;
using Conversations.Attachments;
using Conversations.Channels;
using Conversations.Domain;
using Conversations.Gateway.Desk;
using Conversations.Gateway.Security;

namespace Conversations.Gateway.Endpoints;

/// <param name="Reason">Why the agent is not ready (a reason code such as "Lunch"); only with NOT_READY.</param>
public sealed record PresenceRequest(AgentPresence Presence, string? Reason = null);

public sealed record WrapUpRequest(List<string>? Codes = null, string? Notes = null);

/// <param name="AttachmentId">An upload (<c>POST /api/uploads</c>) the message carries; the text may then be empty.</param>
public sealed record AgentMessageRequest(string? Text = null, string? ChannelSessionId = null, string? AttachmentId = null);

public sealed record ReassignRequest(string AgentId);

/// <summary>A pull list an agent may pull from, with the tasks waiting on it, oldest first.</summary>
public sealed record PullListView(string Name, IReadOnlyList<QueuedTask> Tasks);

/// <summary>
/// The agent desk's API: sign in, presence, offers, pulls, messages, wrap-up and the live event stream; and routing:
/// tasks, lists, queues and a supervisor's reassignment.
/// </summary>
public static class AgentEndpoints
{
    public static void MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        // Only the agent itself acts as that agent; supervisors may look at it and its feed.
        var agents = app.MapGroup("/api/agents/{agentId}").WithTags("Agents").RequireAuthorization(Policies.Staff);

        agents.MapPost("/sign-in", (string agentId, AgentProfile profile, ClaimsPrincipal user, IClusterClient cluster) =>
            Self(user, cluster, agentId).SignInAsync(profile));
        agents.MapPost("/sign-out", (string agentId, ClaimsPrincipal user, IClusterClient cluster) => Self(user, cluster, agentId).SignOutAsync());
        agents.MapPut("/presence", (string agentId, PresenceRequest request, ClaimsPrincipal user, IClusterClient cluster) =>
            Self(user, cluster, agentId).SetPresenceAsync(request.Presence, request.Reason));
        agents.MapGet("/", async (string agentId, ClaimsPrincipal user, IClusterClient cluster) =>
            await Watched(user, cluster, agentId).GetAsync() ?? throw DomainException.NotFound($"No agent {agentId}."));

        agents.MapGet("/pull-lists", async (string agentId, ClaimsPrincipal user, IClusterClient cluster) =>
        {
            var agent = await Watched(user, cluster, agentId).GetAsync();
            if (agent is not { SignedIn: true })
            {
                return [];
            }

            var catalog = cluster.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey);
            var names = PullLists.For(agent.Capacity, await catalog.ListChannelsAsync(), await catalog.ListConnectorsAsync());
            return await Task.WhenAll(names.Select(async name =>
                new PullListView(name, await cluster.Get<IPullListGrain>(GrainKeys.PullList(name)).ListAsync())));
        });

        var task = agents.MapGroup("/tasks/{taskId}");
        task.MapPost("/accept", (string agentId, string taskId, ClaimsPrincipal user, IClusterClient cluster) => Self(user, cluster, agentId).AcceptAsync(taskId));
        task.MapPost("/reject", (string agentId, string taskId, ClaimsPrincipal user, IClusterClient cluster) => Self(user, cluster, agentId).RejectAsync(taskId));
        task.MapPost("/pull", (string agentId, string taskId, ClaimsPrincipal user, IClusterClient cluster) =>
            Self(user, cluster, agentId).PullAsync(RequireTaskId(taskId)));
        task.MapPost("/leave", (string agentId, string taskId, ClaimsPrincipal user, IClusterClient cluster) => Self(user, cluster, agentId).LeaveAsync(taskId));
        task.MapPost("/wrap-up", (string agentId, string taskId, WrapUpRequest request, ClaimsPrincipal user, IClusterClient cluster) =>
            Self(user, cluster, agentId).SubmitWrapUpAsync(taskId, request.Codes ?? [], request.Notes));
        task.MapPost("/messages", async (string agentId, string taskId, AgentMessageRequest request, ClaimsPrincipal user, IClusterClient cluster) =>
        {
            var agent = Self(user, cluster, agentId);
            var attachment = await UploadEndpoints.AttachmentAsync(cluster, request.AttachmentId);
            var sequence = await agent.SendMessageAsync(taskId, request.Text ?? "", request.ChannelSessionId, attachment);
            return Results.Accepted(value: new { sequence });
        });

        agents.MapGet("/events", (string agentId, HttpContext http, AgentDeskStream stream) =>
            {
                http.User.RequireAgentOrSupervisor(agentId);
                return stream.RunAsync(agentId, http);
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        var routing = app.MapGroup("/api").WithTags("Routing");
        routing.MapGet("/tasks/{taskId}", async (string taskId, ClaimsPrincipal user, IClusterClient cluster) =>
        {
            var found = await cluster.Get<IAgentTaskGrain>(RequireTaskId(taskId)).GetAsync() ?? throw DomainException.NotFound($"No agent task {taskId}.");
            user.RequireAgentOrSupervisor(found.AgentId);
            return found;
        }).RequireAuthorization(Policies.Staff);
        routing.MapPost("/tasks/{taskId}/reassign", (string taskId, ReassignRequest request, ClaimsPrincipal user, IClusterClient cluster) =>
        {
            AgentRules.ValidateAgentId(request.AgentId);
            return Agent(cluster, request.AgentId).ReceiveReassignedAsync(RequireTaskId(taskId), user.UserId()!);
        }).RequireAuthorization(Policies.Supervisor);

        routing.MapGet("/wrap-up-codes", async (IClusterClient cluster) =>
                (await cluster.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey).GetControllerSettingsAsync()).WrapUpCodes)
            .RequireAuthorization(Policies.Staff)
            .WithSummary("The wrap-up codes agents choose from; empty when agents write their own");

        routing.MapGet("/not-ready-reasons", async (IClusterClient cluster) =>
                (await cluster.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey).GetControllerSettingsAsync()).NotReadyReasons)
            .RequireAuthorization(Policies.Staff)
            .WithSummary("The reasons an agent may give for being not ready");

        // Agents read pull lists to pick their next task; queues are for supervisors.
        routing.MapGet("/lists/{name}", (string name, IClusterClient cluster) => cluster.Get<IPullListGrain>(GrainKeys.PullList(name)).ListAsync())
            .RequireAuthorization(Policies.Staff);
        routing.MapGet("/queues/{channelType}", (string channelType, IClusterClient cluster) =>
            cluster.Get<IRouterGrain>(GrainKeys.Router(channelType)).GetQueueAsync())
            .RequireAuthorization(Policies.Supervisor);
    }

    private static IAgentGrain Self(ClaimsPrincipal user, IClusterClient cluster, string agentId)
    {
        user.RequireAgent(agentId);
        return Agent(cluster, agentId);
    }

    private static IAgentGrain Watched(ClaimsPrincipal user, IClusterClient cluster, string agentId)
    {
        user.RequireAgentOrSupervisor(agentId);
        return Agent(cluster, agentId);
    }

    private static IAgentGrain Agent(IClusterClient cluster, string agentId) => cluster.Get<IAgentGrain>(GrainKeys.Agent(agentId));

    private static string RequireTaskId(string taskId) =>
        GrainKeys.IsAgentTaskId(taskId) ? taskId : throw DomainException.NotFound($"No agent task {taskId}.");
}
