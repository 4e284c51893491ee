using Conversations.Activities;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Domain;
using Conversations.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Conversations.Agents;

/// <summary>
/// A human agent. Its rules are <see cref="AgentRules"/>; the grain stores what changed, tells the routers
/// the rules name, works tasks through their task grains and conversations, and fans events out to desks.
/// </summary>
public sealed class AgentGrain(
    [PersistentState(StateNames.Agent, StorageNames.GrainState)] IPersistentState<AgentState> agent,
    ControllerSettingsCopy controllerSettings,
    TimeProvider time,
    ILogger<AgentGrain> logger)
    : Grain, IAgentGrain
{
    /// <summary>Desks re-subscribe well within this, so a vanished gateway's subscriptions fade away.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IAgentObserver> _desks = new(SubscriptionLifetime, logger);

    private string AgentId => this.GetPrimaryKeyString()[GrainKeys.AgentPrefix.Length..];

    private AgentSnapshot Current => agent.State.ToSnapshot(AgentId);

    async Task<AgentView> IAgentGrain.SignInAsync(AgentProfile profile)
    {
        await ApplyAsync(new AgentSignal.SignIn(profile));
        return View();
    }

    async Task<AgentView> IAgentGrain.SignOutAsync()
    {
        foreach (var taskId in AgentRules.OffersToTurnDown(Current))
        {
            await RejectAsync(taskId);
        }

        await ApplyAsync(new AgentSignal.SignOut());
        return View();
    }

    async Task<AgentView> IAgentGrain.SetPresenceAsync(AgentPresence presence, string? reason)
    {
        AgentRules.RequireConfiguredReason(reason, (await controllerSettings.GetAsync()).NotReadyReasons);
        await ApplyAsync(new AgentSignal.SetPresence(presence, reason));
        return View();
    }

    Task<AgentView?> IAgentGrain.GetAsync() => Task.FromResult(agent.State.Name is null ? null : View());

    async Task<AgentTaskView> IAgentGrain.AcceptAsync(string taskId)
    {
        AgentRules.RequireTask(Current, taskId, AgentTaskStatus.Offered);
        return await JoinAsync(await ActedAsync(TaskGrain(taskId).AcceptAsync(AgentId)));
    }

    Task<AgentTaskView> IAgentGrain.RejectAsync(string taskId) => RejectAsync(taskId);

    async Task<AgentTaskView> IAgentGrain.PullAsync(string taskId)
    {
        AgentRules.RequireSignedIn(Current);
        var waiting = await TaskGrain(taskId).GetAsync() ?? throw DomainException.NotFound($"No agent task {taskId}.");
        AgentRules.RequireRoomFor(Current, waiting.Spec.ChannelTypeCode);
        return await JoinAsync(await ActedAsync(TaskGrain(taskId).PullAsync(AgentId)));
    }

    async Task<AgentTaskView> IAgentGrain.ReceiveReassignedAsync(string taskId, string by)
    {
        if (agent.State.Name is null)
        {
            throw DomainException.NotFound($"No agent {AgentId}.");
        }

        AgentRules.RequireSignedIn(Current);
        var task = await TaskGrain(taskId).GetAsync() ?? throw DomainException.NotFound($"No agent task {taskId}.");
        AgentTaskRules.RequireReassignable(task.Id, task.State, task.AgentId, AgentId);
        AgentRules.RequireRoomFor(Current, task.Spec.ChannelTypeCode);
        // The offer reaches this agent one-way from the task grain afterwards, as a router's offer does.
        var offered = await GrainFactory.ReassignAsync(task.Spec, new QueuedTask(task.Id, task.Spec.ConversationId, task.Spec.ChannelTypeCode, task.EnqueuedAt), AgentId, by);
        if (task is { State: AgentTaskStatus.Active, AgentId: { } previous })
        {
            // A transfer: the agent who had it in hand is out of the conversation before the supervisor hears it is done.
            await Conversation(task).AgentTransferredAsync(previous, task.Id);
        }

        return offered;
    }

    async Task<AgentTaskView> IAgentGrain.LeaveAsync(string taskId)
    {
        AgentRules.RequireTask(Current, taskId, AgentTaskStatus.Active);
        var task = await ActedAsync(TaskGrain(taskId).AgentLeftAsync(AgentId));
        await Conversation(task).AgentLeftAsync(AgentId);
        return task;
    }

    async Task<AgentTaskView> IAgentGrain.SubmitWrapUpAsync(string taskId, IReadOnlyList<string> codes, string? notes)
    {
        AgentRules.RequireTask(Current, taskId, AgentTaskStatus.WrapUp);
        AgentTaskRules.RequireConfigured(codes, (await controllerSettings.GetAsync()).WrapUpCodes);
        var task = await ActedAsync(TaskGrain(taskId).SubmitWrapUpAsync(AgentId, codes, notes));
        await Conversation(task).AgentLeftAsync(AgentId);
        return task;
    }

    async Task<long> IAgentGrain.SendMessageAsync(string taskId, string text, string? channelSessionId, MessageAttachment? attachment)
    {
        // In wrap-up too: a customer who comes back during wrap-up is still the agent's to answer.
        var held = AgentRules.RequireTask(Current, taskId, AgentTaskStatus.Active, AgentTaskStatus.WrapUp);
        return await GrainFactory.Get<IConversationGrain>(held.ConversationId).ReceiveAgentMessageAsync(AgentId, text, channelSessionId, attachment);
    }

    Task IAgentGrain.OnTaskChangedAsync(AgentTaskView task) => TrackAsync(task, onItsOwn: true);

    Task IAgentGrain.OnConversationActivityAsync(Activity activity)
    {
        Notify(new AgentEvent(AgentEventKind.Message, activity.ConversationId, null, null, activity));
        return Task.CompletedTask;
    }

    Task IAgentGrain.OnDeliveryRecordedAsync(string conversationId, long sequence)
    {
        Notify(new AgentEvent(AgentEventKind.Delivery, conversationId, null, null, null, sequence));
        return Task.CompletedTask;
    }

    Task<bool> IAgentGrain.SubscribeAsync(IAgentObserver observer)
    {
        var known = _desks.Observers.ContainsKey(observer);
        _desks.Subscribe(observer, observer);
        return Task.FromResult(known);
    }

    Task IAgentGrain.UnsubscribeAsync(IAgentObserver observer)
    {
        _desks.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task<AgentTaskView> RejectAsync(string taskId)
    {
        AgentRules.RequireTask(Current, taskId, AgentTaskStatus.Offered);
        return await ActedAsync(TaskGrain(taskId).RejectAsync(AgentId));
    }

    /// <summary>Joins the task's conversation; when the customer left meanwhile, the task ends as if they left now.</summary>
    private async Task<AgentTaskView> JoinAsync(AgentTaskView task) =>
        await Conversation(task).AgentJoinedAsync(AgentId, task.Id) ? task : await ActedAsync(TaskGrain(task.Id).CustomerLeftAsync());

    /// <summary>The task as the agent's own action on its task grain left it.</summary>
    private async Task<AgentTaskView> ActedAsync(Task<AgentTaskView> action)
    {
        var task = await action;
        await TrackAsync(task, onItsOwn: false);
        return task;
    }

    /// <summary>Keeps the agent in step with one of its tasks, and every open desk informed (also of the agent's own actions, for other tabs).</summary>
    private async Task TrackAsync(AgentTaskView task, bool onItsOwn)
    {
        var taskRef = new AgentTaskRef(task.Id, task.Spec.ConversationId, task.Spec.ChannelTypeCode, task.State);
        var reassigned = task.History is [.., { State: AgentTaskStatus.Offered, By: not null }];
        var decision = Decide(onItsOwn ? new AgentSignal.TaskChanged(taskRef, task.AgentId, task.EndReason, reassigned) : new AgentSignal.TaskActed(taskRef, task.AgentId));
        if (decision.HandBack)
        {
            await TaskGrain(task.Id).RejectAsync(AgentId);
        }

        await StoreAsync(decision);
        if (decision.Desk is { } kind)
        {
            Notify(new AgentEvent(kind, task.Spec.ConversationId, task.Id, task.State, null));
        }

        if (decision.LeftConversation)
        {
            await Conversation(task).AgentLeftAsync(AgentId);
        }
    }

    private Task ApplyAsync(AgentSignal signal) => StoreAsync(Decide(signal));

    private AgentDecision Decide(AgentSignal signal) => AgentRules.Decide(Current, signal, time.GetUtcNow());

    /// <summary>Stores the agent when it changed, then tells the routers the rules named.</summary>
    private async Task StoreAsync(AgentDecision decision)
    {
        if (decision.Changed)
        {
            agent.State = AgentState.From(decision.Agent);
            await agent.WriteStateAsync();
        }

        foreach (var (type, availability) in decision.TellRouters)
        {
            GrainFactory.Get<IRouterGrain>(GrainKeys.Router(type)).AgentChangedAsync(availability).Ignore();
        }
    }

    private void Notify(AgentEvent agentEvent) => _desks.Notify(desk => desk.OnAgentEventAsync(agentEvent));

    private IAgentTaskGrain TaskGrain(string taskId) => GrainFactory.Get<IAgentTaskGrain>(taskId);

    private IConversationGrain Conversation(AgentTaskView task) => GrainFactory.Get<IConversationGrain>(task.Spec.ConversationId);

    private AgentView View() => new(
        AgentId,
        agent.State.Name,
        agent.State.SignedIn,
        agent.State.Presence,
        new Dictionary<string, int>(agent.State.Capacity, StringComparer.Ordinal),
        [.. agent.State.Tasks],
        agent.State.AvailableSince,
        agent.State.NotReadyReason,
        // Agents stored before presence had a start show their idle time until their presence next changes.
        agent.State.PresenceSince == default ? agent.State.AvailableSince : agent.State.PresenceSince);
}
