using Conversations.Activities;
using Conversations.Conversations;
using Conversations.Domain;
using Conversations.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Conversations.Agents;

/// <summary>
/// A human agent: signs in with a capacity per channel type, sets presence, takes tasks and works them.
/// It tells the routers of each channel type what it can take, and fans its events out to desk connections.
/// </summary>
public sealed class AgentGrain(
    [PersistentState(StateNames.Agent, StorageNames.GrainState)] IPersistentState<AgentState> agent,
    TimeProvider time,
    ILogger<AgentGrain> logger)
    : Grain, IAgentGrain
{
    /// <summary>Desks re-subscribe well within this, so a vanished gateway's subscriptions fade away.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IAgentObserver> _desks = new(SubscriptionLifetime, logger);

    private AgentState State => agent.State;

    private string AgentId => this.GetPrimaryKeyString()[GrainKeys.AgentPrefix.Length..];

    public async Task<AgentView> SignInAsync(AgentProfile profile)
    {
        AgentRules.ValidateAgentId(AgentId);
        AgentRules.Validate(profile);
        var dropped = State.Capacity.Keys.Except(profile.Capacity.Keys).ToList();
        State.Name = profile.Name;
        State.Capacity = new Dictionary<string, int>(profile.Capacity, StringComparer.Ordinal);
        if (!State.SignedIn)
        {
            State.SignedIn = true;
            State.Presence = AgentPresence.NotReady;
        }

        await SaveAsync(dropped);
        return View();
    }

    public async Task<AgentView> SignOutAsync()
    {
        if (State.Tasks.Any(t => t.State is AgentTaskStatus.Active or AgentTaskStatus.WrapUp))
        {
            throw DomainException.Conflict($"Agent {AgentId} still has tasks in hand; finish them before signing out.");
        }

        foreach (var offered in State.Tasks.ToList())
        {
            await RejectAsync(offered.TaskId);
        }

        State.SignedIn = false;
        State.Presence = AgentPresence.NotReady;
        await SaveAsync();
        return View();
    }

    public async Task<AgentView> SetPresenceAsync(AgentPresence presence)
    {
        RequireSignedIn();
        if (presence != State.Presence)
        {
            State.Presence = presence;
            if (presence == AgentPresence.Ready)
            {
                State.AvailableSince = time.GetUtcNow();
            }

            await SaveAsync();
        }

        return View();
    }

    public Task<AgentView?> GetAsync() => Task.FromResult(State.Name is null ? null : View());

    public async Task<AgentTaskView> AcceptAsync(string taskId)
    {
        RequireTask(taskId, AgentTaskStatus.Offered);
        var task = await TaskGrain(taskId).AcceptAsync(AgentId);
        await TrackAsync(task);
        return await JoinAsync(task);
    }

    public async Task<AgentTaskView> RejectAsync(string taskId)
    {
        RequireTask(taskId, AgentTaskStatus.Offered);
        var task = await TaskGrain(taskId).RejectAsync(AgentId);
        await TrackAsync(task);
        return task;
    }

    public async Task<AgentTaskView> PullAsync(string taskId)
    {
        RequireSignedIn();
        var waiting = await TaskGrain(taskId).GetAsync() ?? throw DomainException.NotFound($"No agent task {taskId}.");
        if (AgentRules.FreeCapacity(State.Capacity, State.Tasks, waiting.Spec.ChannelTypeCode) <= 0)
        {
            throw DomainException.Conflict($"Agent {AgentId} has no free capacity for {waiting.Spec.ChannelTypeCode} tasks.");
        }

        var task = await TaskGrain(taskId).PullAsync(AgentId);
        await TrackAsync(task);
        GrainFactory.GetGrain<IPullListGrain>(GrainKeys.PullList(task.Spec.ListName!)).RemoveAsync(taskId).Ignore();
        return await JoinAsync(task);
    }

    public async Task<AgentTaskView> LeaveAsync(string taskId)
    {
        RequireTask(taskId, AgentTaskStatus.Active);
        var task = await TaskGrain(taskId).AgentLeftAsync(AgentId);
        await TrackAsync(task);
        await Conversation(task).AgentLeftAsync(AgentId);
        return task;
    }

    public async Task<AgentTaskView> SubmitWrapUpAsync(string taskId, IReadOnlyList<string> codes, string? notes)
    {
        RequireTask(taskId, AgentTaskStatus.WrapUp);
        var task = await TaskGrain(taskId).SubmitWrapUpAsync(AgentId, codes, notes);
        await TrackAsync(task);
        await Conversation(task).AgentLeftAsync(AgentId);
        return task;
    }

    public async Task<long> SendMessageAsync(string taskId, string text, string? channelSessionId)
    {
        // In wrap-up too: a customer who comes back during wrap-up is still the agent's to answer.
        var held = RequireTask(taskId, AgentTaskStatus.Active, AgentTaskStatus.WrapUp);
        return await GrainFactory.GetGrain<IConversationGrain>(held.ConversationId).ReceiveAgentMessageAsync(AgentId, text, channelSessionId);
    }

    public async Task OnTaskChangedAsync(AgentTaskView task)
    {
        var mine = task.AgentId == AgentId;
        if (task.State == AgentTaskStatus.Offered && mine && !CanTake(task.Spec.ChannelTypeCode))
        {
            // Offered on an availability that changed meanwhile: hand it straight back, and tell the router again.
            await TaskGrain(task.Id).RejectAsync(AgentId);
            await SaveAsync();
            return;
        }

        var held = State.Tasks.FirstOrDefault(t => t.TaskId == task.Id);
        if (held is null && !mine)
        {
            return;
        }

        var withdrawn = held?.State == AgentTaskStatus.Offered && task.State is AgentTaskStatus.Queued or AgentTaskStatus.Abandoned;
        if (withdrawn && task.State == AgentTaskStatus.Queued)
        {
            // Redirect on no answer: an agent who let an offer time out is not ready any more.
            State.Presence = AgentPresence.NotReady;
        }

        await TrackAsync(task, task.State == AgentTaskStatus.Offered ? AgentEventKind.Offer : withdrawn ? AgentEventKind.OfferWithdrawn : AgentEventKind.TaskChanged);

        if (held?.State is AgentTaskStatus.Active or AgentTaskStatus.WrapUp && AgentTaskStateMachine.IsFinished(task.State))
        {
            await Conversation(task).AgentLeftAsync(AgentId);
        }
    }

    public Task OnConversationActivityAsync(Activity activity)
    {
        Notify(new AgentEvent(AgentEventKind.Message, activity.ConversationId, null, null, activity));
        return Task.CompletedTask;
    }

    public Task<bool> SubscribeAsync(IAgentObserver observer)
    {
        var known = _desks.Observers.ContainsKey(observer);
        _desks.Subscribe(observer, observer);
        return Task.FromResult(known);
    }

    public Task UnsubscribeAsync(IAgentObserver observer)
    {
        _desks.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Keeps the agent's list of held tasks in step with a task's state, routers in step with that, and
    /// every open desk of the agent informed (also of the agent's own actions, for other tabs).
    /// </summary>
    private async Task TrackAsync(AgentTaskView task, AgentEventKind kind = AgentEventKind.TaskChanged)
    {
        var held = task.AgentId == AgentId && !AgentTaskStateMachine.IsFinished(task.State) && task.State != AgentTaskStatus.Queued;
        var before = State.Tasks.Count;
        State.Tasks.RemoveAll(t => t.TaskId == task.Id);
        if (held)
        {
            State.Tasks.Add(new AgentTaskRef(task.Id, task.Spec.ConversationId, task.Spec.ChannelTypeCode, task.State));
        }
        else if (State.Tasks.Count < before && AgentTaskStateMachine.IsFinished(task.State))
        {
            State.AvailableSince = time.GetUtcNow();
        }

        await SaveAsync();
        Notify(new AgentEvent(kind, task.Spec.ConversationId, task.Id, task.State, null));
    }

    /// <summary>Whether a new offer fits next to everything the agent holds (its own offers included).</summary>
    private bool CanTake(string channelTypeCode) =>
        State is { SignedIn: true, Presence: AgentPresence.Ready }
        && AgentRules.FreeCapacity(State.Capacity, State.Tasks, channelTypeCode) > 0;

    /// <summary>
    /// Saves, then tells the router of every channel type this agent works (or stopped working) what it can take.
    /// </summary>
    private async Task SaveAsync(IEnumerable<string>? droppedTypes = null)
    {
        State.Revision++;
        await agent.WriteStateAsync();
        var ready = State is { SignedIn: true, Presence: AgentPresence.Ready };
        foreach (var type in State.Capacity.Keys.Concat(droppedTypes ?? []))
        {
            var availability = new AgentAvailability(
                AgentId, ready, AgentRules.FreeCapacity(State.Capacity, State.Tasks, type), State.AvailableSince, State.Revision);
            GrainFactory.GetGrain<IRouterGrain>(GrainKeys.Router(type)).AgentChangedAsync(availability).Ignore();
        }
    }

    private void Notify(AgentEvent agentEvent) => _desks.Notify(desk => desk.OnAgentEventAsync(agentEvent));

    private AgentTaskRef RequireTask(string taskId, params AgentTaskStatus[] states)
    {
        RequireSignedIn();
        var held = State.Tasks.FirstOrDefault(t => t.TaskId == taskId)
            ?? throw DomainException.NotFound($"Agent {AgentId} holds no task {taskId}.");
        return states.Contains(held.State)
            ? held
            : throw DomainException.Conflict($"Task {taskId} is {held.State}, not {string.Join(" or ", states)}.");
    }

    /// <summary>Joins the task's conversation; when the customer left meanwhile, the task ends as if they left now.</summary>
    private async Task<AgentTaskView> JoinAsync(AgentTaskView task)
    {
        if (await Conversation(task).AgentJoinedAsync(AgentId, task.Id))
        {
            return task;
        }

        var ended = await TaskGrain(task.Id).CustomerLeftAsync();
        await TrackAsync(ended);
        return ended;
    }

    private void RequireSignedIn()
    {
        if (!State.SignedIn)
        {
            throw DomainException.Conflict($"Agent {AgentId} is not signed in.");
        }
    }

    private IAgentTaskGrain TaskGrain(string taskId) => GrainFactory.GetGrain<IAgentTaskGrain>(taskId);

    private IConversationGrain Conversation(AgentTaskView task) => GrainFactory.GetGrain<IConversationGrain>(task.Spec.ConversationId);

    private AgentView View() => new(
        AgentId,
        State.Name,
        State.SignedIn,
        State.Presence,
        new Dictionary<string, int>(State.Capacity, StringComparer.Ordinal),
        [.. State.Tasks],
        State.AvailableSince);
}
