using System.Text.Json;
using Conversations.Activities;
using Conversations.Agents;
using Conversations.Conversations;
using Conversations.Gateway.Streaming;
using Conversations.Security;
using Conversations.WebHost.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Desk;

/// <summary>
/// Server-sent events for one agent desk. Subscribes to the agent grain first, then replays from the
/// activity log every message after the desk's cursor, then streams live events; messages seen in
/// both are sent once. Every event carries the cursor as its id. The stream ends when the caller's access token expires
/// or its session ends (the account disabled, say): the browser reconnects with the token it has then, or not at all.
/// </summary>
public sealed class AgentDeskStream(IClusterClient cluster, AccessSessions sessions, IOptions<JsonOptions> json, TimeProvider time)
{
    /// <summary>Re-subscribes well within the agent grain's subscription lifetime.</summary>
    private static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(30);

    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public async Task RunAsync(string agentId, HttpContext http)
    {
        var agent = cluster.Get<IAgentGrain>(GrainKeys.Agent(agentId));
        var view = await agent.GetAsync() ?? throw DomainException.NotFound($"No agent {agentId}.");
        var cursor = await CheckedCursorAsync(agentId, ServerSentEvents.ResumeFrom(http.Request));
        var stopping = http.RequestAborted;

        var connection = new DeskConnection();
        var observer = cluster.CreateObjectReference<IAgentObserver>(connection);
        try
        {
            await agent.SubscribeAsync(observer);
            await ServerSentEvents.StartAsync(http);
            await WriteAsync(http, "agent", view, cursor);
            await ReplayAsync(http, cursor);
            await StreamLiveAsync(http, agent, observer, connection, cursor, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                await agent.UnsubscribeAsync(observer);
            }
            finally
            {
                cluster.DeleteObjectReference<IAgentObserver>(observer);
            }
        }
    }

    /// <summary>
    /// The desk's cursor, checked before the stream starts (afterwards no error can be reported):
    /// conversations that no longer exist are dropped; ones the agent never took part in are refused.
    /// </summary>
    private async Task<ConversationCursor> CheckedCursorAsync(string agentId, string? text)
    {
        var cursor = ConversationCursor.Parse(text);
        foreach (var (conversationId, _) in cursor.Conversations.ToList())
        {
            var conversation = await cluster.Get<IConversationGrain>(conversationId).GetAsync();
            if (conversation is null)
            {
                cursor.Forget(conversationId);
            }
            else if (!conversation.Participants.Any(p => p.Role == ParticipantRole.Agent && p.Id == agentId))
            {
                throw DomainException.Invalid($"Agent {agentId} never took part in conversation {conversationId}.");
            }
        }

        return cursor;
    }

    private async Task ReplayAsync(HttpContext http, ConversationCursor cursor)
    {
        foreach (var (conversationId, read) in cursor.Conversations.ToList())
        {
            await ReplayAsync(http, conversationId, read, cursor);
        }
    }

    private async Task ReplayAsync(HttpContext http, string conversationId, long after, ConversationCursor cursor)
    {
        await foreach (var activity in cluster.Get<IConversationGrain>(conversationId).ActivitiesAfterAsync(after, http.RequestAborted))
        {
            if (IsMessage(activity))
            {
                await SendMessageAsync(http, activity, cursor);
            }
        }
    }

    private async Task StreamLiveAsync(
        HttpContext http, IAgentGrain agent, IAgentObserver observer, DeskConnection connection, ConversationCursor cursor, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested && await AccessTokens.StillGoodAsync(sessions, http.User, time.GetUtcNow()))
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            wait.CancelAfter(TimeSpan.FromTicks(Math.Clamp((AccessTokens.ExpiresAt(http.User)!.Value + AccessTokens.Skew - time.GetUtcNow()).Ticks, 0, Resubscribe.Ticks)));
            try
            {
                while (await connection.Events.WaitToReadAsync(wait.Token))
                {
                    if (!await AccessTokens.StillGoodAsync(sessions, http.User, time.GetUtcNow()))
                    {
                        return;
                    }

                    while (connection.Events.TryRead(out var agentEvent))
                    {
                        await SendAsync(http, agentEvent, cursor);
                    }
                }
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                // If the agent grain lost the subscription (restart, rebalancing), events sent meanwhile went
                // nowhere: send the agent's state again and re-read the messages.
                if (!await agent.SubscribeAsync(observer) && await agent.GetAsync() is { } view)
                {
                    await WriteAsync(http, "agent", view, cursor);
                    await ReplayAsync(http, cursor);
                }

                await ServerSentEvents.KeepAliveAsync(http, time.GetUtcNow());
            }
        }
    }

    private Task SendAsync(HttpContext http, AgentEvent agentEvent, ConversationCursor cursor) => agentEvent switch
    {
        { Kind: AgentEventKind.Message, Activity: { } activity } => SendMessageAsync(http, activity, cursor),
        { Kind: AgentEventKind.Offer } => WriteAsync(http, "offer", agentEvent, cursor),
        { Kind: AgentEventKind.OfferWithdrawn } => WriteAsync(http, "offer-withdrawn", agentEvent, cursor),
        { Kind: AgentEventKind.Delivery } => WriteAsync(http, "delivery", agentEvent, cursor),
        _ => WriteAsync(http, "task", agentEvent, cursor),
    };

    private Task SendMessageAsync(HttpContext http, Activity activity, ConversationCursor cursor) =>
        cursor.Advance(activity.ConversationId, activity.Sequence) ? WriteAsync(http, "message", activity, cursor) : Task.CompletedTask;

    private Task WriteAsync<T>(HttpContext http, string eventName, T data, ConversationCursor cursor) =>
        ServerSentEvents.WriteAsync(http, cursor.ToString(), eventName, JsonSerializer.Serialize(data, _json));

    private static bool IsMessage(Activity activity) =>
        activity.Kind is ActivityKind.CustomerMessage or ActivityKind.BotMessage or ActivityKind.AgentMessage;
}
