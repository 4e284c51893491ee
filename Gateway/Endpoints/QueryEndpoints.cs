using System.Security.Claims;
using Conversations.Activities;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.Gateway.Desk;
using Conversations.Gateway.Security;

namespace Conversations.Gateway.Endpoints;

/// <summary>An identity to link to a customer.</summary>
public sealed record IdentityRequest(IdentityKind Kind, string Value);

/// <summary>Reads conversations, their activity logs, channel sessions and customers; links identities.</summary>
public static class QueryEndpoints
{
    public const int DefaultPageSize = 50;

    public static void MapQueryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Conversations");

        // Agents see the conversations they are or were in; supervisors see all.
        api.MapGet("/conversations/{id}", async (string id, ClaimsPrincipal user, IClusterClient cluster, TimeProvider time) =>
                await (await ReadableConversationAsync(id, user, cluster)).WithReplyWindowsAsync(cluster, time))
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/conversations/{id}/activities", async (string id, long? after, int? limit, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                await ReadableConversationAsync(id, user, cluster);
                return await cluster.Get<IConversationGrain>(id).GetActivitiesAsync(after ?? 0, limit ?? DefaultPageSize);
            })
            .RequireAuthorization(Policies.Staff);

        // The desk shows who the agent is talking to: the conversation's customer, to whoever may read the conversation.
        api.MapGet("/conversations/{id}/customer", async (string id, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                var conversation = await ReadableConversationAsync(id, user, cluster);
                return await cluster.Get<ICustomerGrain>(conversation.CustomerId).GetAsync()
                    ?? throw DomainException.NotFound($"The customer of conversation {id} is not known.");
            })
            .RequireAuthorization(Policies.Staff);

        var supervised = api.MapGroup(string.Empty).RequireAuthorization(Policies.Supervisor);

        supervised.MapGet("/channel-sessions/{id}", async (string id, IClusterClient cluster) =>
            await Require(id, GrainKeys.IsChannelSessionId, "channel session", cluster.Get<IChannelSessionGrain>(id).GetAsync));

        supervised.MapGet("/customers/{id}", async (string id, IClusterClient cluster) =>
            await Require(id, GrainKeys.IsCustomerId, "customer", cluster.Get<ICustomerGrain>(id).GetAsync));

        supervised.MapGet("/customers", async (string kind, string value, IClusterClient cluster) =>
            await cluster.Get<ICustomerDirectoryGrain>(0).FindAsync(ParseKind(kind), value)
            ?? throw DomainException.NotFound($"No customer has the {kind} identity '{value}'."));

        supervised.MapPost("/customers/{id}/identities", async (string id, IdentityRequest request, IClusterClient cluster) =>
            GrainKeys.IsCustomerId(id)
                ? await cluster.Get<ICustomerMergeGrain>(GrainKeys.MergesKey).LinkIdentityAsync(id, request.Kind, request.Value)
                : throw DomainException.NotFound($"No customer {id}."));
    }

    /// <summary>
    /// The conversation, when the caller may read it: supervisors all, agents those they are or were in and those they
    /// are being offered (to see what the customer wants before accepting).
    /// </summary>
    internal static async Task<ConversationView> ReadableConversationAsync(string id, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversation = await Require(id, GrainKeys.IsConversationId, "conversation", cluster.Get<IConversationGrain>(id).GetAsync);
        if (!user.IsSupervisor() && !conversation.Participants.Any(p => p.Role == ParticipantRole.Agent && user.IsAgent(p.Id))
            && !await IsOfferedAsync(conversation.Id, user, cluster))
        {
            throw DomainException.Forbidden("Agents see only the conversations they are or were in, or are offered.");
        }

        return conversation;
    }

    private static async Task<bool> IsOfferedAsync(string conversationId, ClaimsPrincipal user, IClusterClient cluster) =>
        user.UserId() is { } userId && user.IsAgent(userId)
        && await cluster.Get<IAgentGrain>(GrainKeys.Agent(userId)).GetAsync() is { } agent
        && agent.Tasks.Any(t => t.ConversationId == conversationId && t.State == AgentTaskStatus.Offered);

    /// <summary>Reads an identity kind as the JSON API writes it (WEB_VISITOR), case-insensitively.</summary>
    private static IdentityKind ParseKind(string kind) =>
        Enum.TryParse<IdentityKind>(kind.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed)
        && Enum.IsDefined(parsed)
            ? parsed
            : throw DomainException.Invalid($"'{kind}' is not an identity kind ({string.Join(", ", Enum.GetNames<IdentityKind>())}).");

    private static async Task<T> Require<T>(string id, Func<string, bool> wellFormed, string what, Func<Task<T?>> read)
        where T : class =>
        (wellFormed(id) ? await read() : null) ?? throw DomainException.NotFound($"No {what} {id}.");
}
