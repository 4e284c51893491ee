using Conversations.Domain;
using Conversations.Hosting;
using Conversations.Reporting;
using Conversations.Timing;

namespace Conversations.Agents;

/// <summary>
/// One agent task. Offers and wrap-up run against a deadline (timer plus reminder); every change is
/// told to the agent holding the task, and a finished task leaves its reporting row.
/// </summary>
public sealed class AgentTaskGrain(
    [PersistentState(StateNames.AgentTask, StorageNames.GrainState)] IPersistentState<AgentTaskState> task,
    IReportingStore reporting,
    TimeProvider time)
    : ReloadOnFailureGrain, IAgentTaskGrain, IRemindable
{
    private DeadlineWatch _deadline = null!;

    private AgentTaskState State => task.State;

    private AgentTaskSpec Spec => State.Spec ?? throw DomainException.NotFound($"No agent task {Id}.");

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _deadline = new DeadlineWatch(this, "deadline", time, () => ChangeAsync(OnDeadlineAsync));
        if (State.Deadline is { } deadline)
        {
            _deadline.Arm(deadline);
        }

        return Task.CompletedTask;
    }

    public Task<AgentTaskView> CreateAsync(AgentTaskSpec spec) => ChangeAsync(async () =>
    {
        if (State.Spec is null)
        {
            State.Spec = spec;
            State.State = AgentTaskStatus.Queued;
            State.EnqueuedAt = time.GetUtcNow();
            State.History.Add(new AgentTaskStateChange(AgentTaskStatus.Queued, State.EnqueuedAt, null));
            await task.WriteStateAsync();
        }

        return View();
    });

    public Task<bool> OfferAsync(string agentId) => ChangeAsync(async () =>
    {
        if (!Apply(AgentTaskEvent.Offer, agentId, throwIfRejected: false))
        {
            return false;
        }

        State.AgentId = agentId;
        State.OfferedAt ??= time.GetUtcNow();
        State.Deadline = time.GetUtcNow() + Spec.OfferTimeout;
        await task.WriteStateAsync();
        await _deadline.StartAsync(State.Deadline.Value, Spec.OfferTimeout);
        TellAgent(agentId);
        return true;
    });

    public Task<AgentTaskView> AcceptAsync(string agentId) => ChangeAsync(async () =>
    {
        RequireHeldBy(agentId);
        Apply(AgentTaskEvent.Accept, agentId);
        State.AnsweredAt = time.GetUtcNow();
        State.Deadline = null;
        await task.WriteStateAsync();
        await _deadline.StopAsync();
        Router().RemoveAsync(Id).Ignore();
        return View();
    });

    public Task<AgentTaskView> RejectAsync(string agentId) => ChangeAsync(async () =>
    {
        RequireHeldBy(agentId);
        await ReturnToQueueAsync(AgentTaskEvent.Reject, agentId);
        return View();
    });

    public Task<AgentTaskView> PullAsync(string agentId) => ChangeAsync(async () =>
    {
        if (State.State != AgentTaskStatus.Queued || Spec.RoutingMode != Channels.RoutingMode.Pull)
        {
            throw DomainException.Conflict($"Task {Id} is no longer waiting to be pulled.");
        }

        Apply(AgentTaskEvent.Pull, agentId);
        State.AgentId = agentId;
        State.AnsweredAt = time.GetUtcNow();
        await task.WriteStateAsync();
        return View();
    });

    public Task<AgentTaskView> AgentLeftAsync(string agentId) => ChangeAsync(async () =>
    {
        RequireHeldBy(agentId);
        await MoveOnAsync(AgentTaskEvent.AgentLeft);
        return View();
    });

    public Task<AgentTaskView> CustomerLeftAsync() => ChangeAsync(async () =>
    {
        if (State.State is AgentTaskStatus.Queued or AgentTaskStatus.Offered)
        {
            return await AbandonAsync();
        }

        if (State.State is AgentTaskStatus.Active)
        {
            await MoveOnAsync(AgentTaskEvent.CustomerLeft);
            TellAgent(State.AgentId!);
        }

        return View();
    });

    public Task<AgentTaskView> SubmitWrapUpAsync(string agentId, IReadOnlyList<string> codes, string? notes) => ChangeAsync(async () =>
    {
        RequireHeldBy(agentId);
        AgentRules.ValidateWrapUp(codes, notes);
        State.WrapUpCodes = [.. codes];
        State.WrapUpNotes = notes;
        await MoveOnAsync(AgentTaskEvent.SubmitWrapUp);
        return View();
    });

    private async Task<AgentTaskView> AbandonAsync()
    {
        var offeredTo = State.State == AgentTaskStatus.Offered ? State.AgentId : null;
        if (!Apply(AgentTaskEvent.Abandon, null, throwIfRejected: false))
        {
            return View();
        }

        await FinishAsync(AgentTaskEvent.Abandon);
        GrainFactory.RemoveFromQueueAsync(Spec, Id).Ignore();

        if (offeredTo is not null)
        {
            TellAgent(offeredTo);
        }

        return View();
    }

    public Task<AgentTaskView?> GetAsync() => Task.FromResult(State.Spec is null ? null : View());

    public Task ReceiveReminder(string reminderName, TickStatus status) => ChangeAsync(OnDeadlineAsync);

    private async Task OnDeadlineAsync()
    {
        if (State.Deadline is not { } deadline)
        {
            await _deadline.StopAsync();
            return;
        }

        if (time.GetUtcNow() < deadline)
        {
            _deadline.Arm(deadline);
            return;
        }

        if (State.State == AgentTaskStatus.Offered)
        {
            var agentId = State.AgentId!;
            await ReturnToQueueAsync(AgentTaskEvent.OfferTimeout, agentId);
            TellAgent(agentId);
        }
        else if (State.State == AgentTaskStatus.WrapUp)
        {
            await MoveOnAsync(AgentTaskEvent.WrapUpTimeout);
            TellAgent(State.AgentId!);
        }
    }

    /// <summary>Applies an event that may start wrap-up or finish the task.</summary>
    private async Task MoveOnAsync(AgentTaskEvent @event)
    {
        var before = State.State;
        Apply(@event, State.AgentId);
        if (State.State == AgentTaskStatus.WrapUp && before != AgentTaskStatus.WrapUp)
        {
            State.WrapUpStartedAt = time.GetUtcNow();
            State.Deadline = State.WrapUpStartedAt + Spec.WrapUpTimeout!.Value;
            await task.WriteStateAsync();
            await _deadline.StartAsync(State.Deadline.Value, Spec.WrapUpTimeout.Value);
        }
        else if (AgentTaskStateMachine.IsFinished(State.State))
        {
            await FinishAsync(@event);
        }
        else
        {
            await task.WriteStateAsync();
        }
    }

    private async Task ReturnToQueueAsync(AgentTaskEvent @event, string agentId)
    {
        Apply(@event, agentId);
        State.AgentId = null;
        State.Deadline = null;
        await task.WriteStateAsync();
        await _deadline.StopAsync();
        var queued = new QueuedTask(Id, Spec.ConversationId, Spec.ChannelTypeCode, State.EnqueuedAt);
        Router().TaskReturnedAsync(queued, agentId).Ignore();
    }

    /// <summary>
    /// The reporting row is written before the finished state: if the report fails, the task is stored as
    /// it was and the caller's retry writes both (the row is an upsert).
    /// </summary>
    private async Task FinishAsync(AgentTaskEvent finishing)
    {
        State.EndedAt = time.GetUtcNow();
        State.EndReason = AgentTaskStateMachine.EndReason(finishing);
        State.Deadline = null;
        await reporting.RecordAgentTaskAsync(View());
        await task.WriteStateAsync();
        await _deadline.StopAsync();
    }

    private bool Apply(AgentTaskEvent @event, string? agentId, bool throwIfRejected = true)
    {
        var result = AgentTaskStateMachine.Apply(State.State, @event, Spec.WrapUpTimeout is not null);
        if (!result.Accepted)
        {
            return throwIfRejected ? throw DomainException.Conflict($"Task {Id}: {result.Rejection}") : false;
        }

        foreach (var state in result.Path)
        {
            State.State = state;
            State.History.Add(new AgentTaskStateChange(state, time.GetUtcNow(), agentId));
        }

        return true;
    }

    private void RequireHeldBy(string agentId)
    {
        if (State.AgentId != agentId)
        {
            throw DomainException.Conflict($"Task {Id} is not held by agent {agentId}.");
        }
    }

    /// <summary>The push router of the task's channel type; it forgets who declined the task once it is taken.</summary>
    private IRouterGrain Router() => GrainFactory.GetGrain<IRouterGrain>(GrainKeys.Router(Spec.ChannelTypeCode));

    private void TellAgent(string agentId) =>
        GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(agentId)).OnTaskChangedAsync(View()).Ignore();

    private AgentTaskView View() => new(
        Id,
        Spec,
        State.State,
        State.AgentId,
        State.EnqueuedAt,
        State.OfferedAt,
        State.AnsweredAt,
        State.WrapUpStartedAt,
        State.EndedAt,
        [.. State.WrapUpCodes],
        State.WrapUpNotes,
        State.EndReason,
        [.. State.History],
        State.Deadline);
}
