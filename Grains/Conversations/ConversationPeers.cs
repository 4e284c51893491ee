using Conversations.Activities;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Outbound;
using Microsoft.Extensions.Logging;

namespace Conversations.Conversations;

/// <summary>
/// The conversation grain's dealings with everyone else: its channel sessions, its agent task and queue,
/// the agents in it and the customer's connector. It carries out a decision's effects, tells the decision
/// what the others answered, and delivers what was logged.
/// </summary>
internal sealed partial class ConversationPeers(
    string conversationId, IGrainFactory grains, ChannelDirectory channels, IOutboundDispatcher outbound, ILogger logger)
{
    public IChannelSessionGrain Session(string id) => grains.Get<IChannelSessionGrain>(id);

    public async Task CarryOutAsync(Conversation model)
    {
        while (model.TryTakeEffect(out var effect))
        {
            switch (effect)
            {
                case ConversationEffect.OpenSession open:
                    await Session(open.ChannelSessionId).OpenAsync(new ChannelSessionOpening(
                        conversationId, model.State.CustomerId!, open.ServiceIdentifier, open.ChannelTypeCode, open.CustomerChannelIdentifier,
                        open.Direction, open.ChannelData, open.InactivityTimeout));
                    break;
                case ConversationEffect.TouchSession touch:
                    await Session(touch.ChannelSessionId).TouchAsync(touch.ChannelData);
                    break;
                case ConversationEffect.CloseSession close:
                    await Session(close.ChannelSessionId).CloseAsync(close.Reason);
                    break;
                case ConversationEffect.AcknowledgeInactivity idle:
                    await Session(idle.ChannelSessionId).AcknowledgeInactivityAsync();
                    break;
                case ConversationEffect.RequestAgent request:
                    await RequestAgentAsync(model, request);
                    break;
                case ConversationEffect.EndTaskForCustomerLeft end:
                    var task = await AgentTask(end.TaskId).CustomerLeftAsync();
                    model.TaskObserved(end.TaskId, task.State, task.AgentId);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown conversation effect {effect}.");
            }
        }
    }

    /// <summary>Catches up with sessions and a task that ended without the conversation storing it.</summary>
    public async Task ObserveAsync(Conversation model)
    {
        foreach (var open in model.OpenSessions)
        {
            model.SessionObserved(open.Id, (await Session(open.Id).GetAsync())?.Observed);
        }

        if (model.State.OpenTaskId is { } taskId)
        {
            await ObserveTaskAsync(model, taskId);
        }
    }

    public async Task ObserveTaskAsync(Conversation model, string taskId)
    {
        var task = await AgentTask(taskId).GetAsync();
        model.TaskObserved(taskId, task?.State, task?.AgentId);
    }

    /// <summary>Messages for the customer go to the connector; every agent in the conversation sees its messages live.</summary>
    public async Task DeliverAsync(Conversation model, IReadOnlyList<(ConversationActivity Decided, Activity Logged)> appended)
    {
        foreach (var (decided, activity) in appended.Where(a => a.Decided.IsForCustomer))
        {
            var session = model.Session(decided.ChannelSessionId!)!;
            if (await channels.FindAsync(session.ServiceIdentifier) is { } channel)
            {
                outbound.Send(channel, activity, session.CustomerChannelIdentifier);
            }
            else
            {
                LogNoChannel(conversationId, session.ServiceIdentifier);
            }
        }

        var messages = appended.Where(a => a.Decided.IsMessage).Select(a => a.Logged).ToList();
        foreach (var agentId in model.AgentsPresent)
        {
            var agent = grains.Get<IAgentGrain>(GrainKeys.Agent(agentId));
            foreach (var message in messages)
            {
                agent.OnConversationActivityAsync(message).Ignore();
            }
        }
    }

    /// <summary>The conversation as the API shows it, with its sessions as they are now.</summary>
    public async Task<ConversationView> ViewAsync(ConversationState state)
    {
        var sessions = await Task.WhenAll(state.Sessions.Select(s => Session(s.Id).GetAsync()));
        return new ConversationView(
            conversationId,
            state.CustomerId!,
            state.Status,
            state.CreatedAt,
            [.. state.History],
            [.. sessions.OfType<ChannelSessionView>()],
            [.. state.Participants],
            state.CloseReason);
    }

    private async Task RequestAgentAsync(Conversation model, ConversationEffect.RequestAgent request)
    {
        if (await channels.FindAsync(request.ServiceIdentifier) is not { } channel)
        {
            model.AgentRequestFailed(request.TaskId);
            LogNoChannel(conversationId, request.ServiceIdentifier);
            return;
        }

        var spec = model.TaskFor(request, channel.Channel, channel.Type.Code);
        var task = await AgentTask(request.TaskId).CreateAsync(spec);
        if (request.Owner is { AgentId: { } owner } && await OfferToOwnerAsync(request.TaskId, owner, request.Owner.RequestedBy))
        {
            return;
        }

        await grains.EnqueueAsync(spec, new QueuedTask(request.TaskId, conversationId, spec.ChannelTypeCode, task.EnqueuedAt));
    }

    /// <summary>
    /// The customer answered an outbound message: its owner agent is offered the task as on a supervisor's reassignment.
    /// An owner who is signed out or has no room for the channel type leaves the task to the channel's routing.
    /// </summary>
    private async Task<bool> OfferToOwnerAsync(string taskId, string agentId, string requestedBy)
    {
        try
        {
            await grains.Get<IAgentGrain>(GrainKeys.Agent(agentId)).ReceiveReassignedAsync(taskId, requestedBy);
            return true;
        }
        catch (DomainException e)
        {
            LogOwnerUnavailable(conversationId, agentId, e.Message);
            return false;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The agent's silo is unreachable: routing serves the customer; if the offer got through after all, the
            // task's state machine lets only one agent take it.
            LogOwnerUnavailable(conversationId, agentId, e.Message);
            return false;
        }
    }

    private IAgentTaskGrain AgentTask(string id) => grains.Get<IAgentTaskGrain>(id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId}: owner agent {AgentId} cannot take the reply ({Reason}); the channel routes it")]
    private partial void LogOwnerUnavailable(string conversationId, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: channel {ServiceIdentifier} no longer exists")]
    private partial void LogNoChannel(string conversationId, string serviceIdentifier);
}
