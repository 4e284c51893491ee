using Conversations.Activities;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Customers;
using Conversations.Domain;
using Conversations.Hosting;
using Conversations.Inbound;
using Conversations.Outbound;
using Conversations.Reporting;
using Conversations.Timing;
using Microsoft.Extensions.Logging;

namespace Conversations.Conversations;

/// <summary>
/// Orchestrates one conversation: opens and closes channel sessions, runs the controller's intents,
/// applies the state machine and appends activities. Each call ends with one commit: the state write
/// (only when something changed) and one batched append to the activity log.
/// </summary>
public sealed partial class ConversationGrain(
    [PersistentState(StateNames.Conversation, StorageNames.GrainState)] IPersistentState<ConversationState> conversation,
    IActivityLog activityLog,
    IReportingStore reporting,
    IOutboundDispatcher outbound,
    TimeProvider time,
    ILogger<ConversationGrain> logger)
    : ReloadOnFailureGrain, IConversationGrain, IRemindable
{
    public const string BotId = "controller-bot";
    private const string HouseKeepingReminder = "house-keeping";
    private const string ReconcileReminder = "reconcile";
    private static readonly TimeSpan HouseKeepingRetry = TimeSpan.FromMinutes(1);

    private readonly List<Activity> _pending = [];
    private long _lastSequence;
    private bool _stateChanged;

    private ConversationState State => conversation.State;

    private string Id => this.GetPrimaryKeyString();

    private bool Started => State.CustomerId is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Started)
        {
            _lastSequence = await activityLog.GetLastSequenceAsync(Id, cancellationToken);
        }

        if (State.State == ConversationStatus.Closing)
        {
            await TryCompleteHouseKeepingAsync();
        }
        else if (Started && ConversationStateMachine.IsLive(State.State))
        {
            try
            {
                await ChangeAsync(ReconcileAsync);
            }
            catch (Exception e)
            {
                LogReconcileFailed(e, Id);
            }
        }
    }

    public Task<InboundAccepted?> ReceiveCustomerMessageAsync(string customerId, ResolvedChannel channel, InboundMessage message) => ChangeAsync(async () =>
    {
        var starting = !Started;
        if (starting)
        {
            await StartAsync(customerId);
        }
        else if (!ConversationStateMachine.IsLive(State.State))
        {
            return null;
        }

        if (channel.Channel.WrapUpTimeoutSeconds is not null && !State.WrapUpConfigured)
        {
            State.WrapUpConfigured = true;
            _stateChanged = true;
        }

        var (session, opened) = await EnsureSessionAsync(channel, message);
        var logged = Record(
            ActivityKind.CustomerMessage,
            ParticipantRole.Customer,
            State.CustomerId,
            session.Id,
            message.Text,
            message.ServiceIdentifier,
            message.ConnectorMessageId);

        if (State.LastActiveSessionId != session.Id)
        {
            State.LastActiveSessionId = session.Id;
            _stateChanged = true;
        }

        if (starting)
        {
            await ExecuteAsync(ControllerPolicy.React(new ControllerSignal.ConversationStarted(session.Id), State.Settings));
        }
        else if (opened)
        {
            Apply(ConversationEvent.CustomerSessionOpened);
        }

        await ExecuteAsync(ControllerPolicy.React(
            new ControllerSignal.CustomerMessage(session.Id, message.Text, await AgentEngagedAsync()), State.Settings));
        await CommitAsync();
        return new InboundAccepted(Id, session.Id, State.CustomerId!, logged.Sequence, Duplicate: false);
    });

    public Task<ConnectorEventHandled> CustomerLeftAsync(string serviceIdentifier) => ChangeAsync(async () =>
    {
        var leaving = ConversationStateMachine.IsLive(State.State)
            ? State.Sessions.Where(s => s.IsOpen && s.ServiceIdentifier == serviceIdentifier).ToList()
            : [];
        foreach (var session in leaving)
        {
            await ExecuteAsync(ControllerPolicy.React(new ControllerSignal.CustomerLeftChannel(session.Id), State.Settings));
        }

        await CommitAsync();
        var closed = leaving.Count > 0 && leaving.All(l => !FindSession(l.Id)!.IsOpen);
        return new ConnectorEventHandled(Id, leaving.FirstOrDefault()?.Id, closed);
    });

    public Task ReportSessionInactiveAsync(string channelSessionId) => ChangeAsync(async () =>
    {
        var known = FindSession(channelSessionId);
        if (known is null)
        {
            // A session opened by a call that failed before this conversation stored it: nobody can use it.
            await Session(channelSessionId).CloseAsync(SessionCloseReason.Controller);
            return;
        }

        if (!known.IsOpen || !ConversationStateMachine.IsLive(State.State))
        {
            return;
        }

        // The customer may have written between the session's timer and this call.
        var session = await Session(channelSessionId).GetAsync();
        if (session is null || session.ExpiresAt > time.GetUtcNow())
        {
            return;
        }

        if (session.Status == ChannelSessionStatus.Closed)
        {
            await CloseSessionAsync(channelSessionId, session.CloseReason ?? SessionCloseReason.Inactivity);
        }
        else
        {
            var intents = ControllerPolicy.React(new ControllerSignal.SessionInactive(channelSessionId), State.Settings);
            await ExecuteAsync(intents);
            if (!intents.OfType<ControllerIntent.CloseChannelSession>().Any())
            {
                // The controller keeps idle sessions open: the session can stop reporting until the customer writes.
                await Session(channelSessionId).AcknowledgeInactivityAsync();
            }
        }

        await CommitAsync();
    });

    public Task<bool> AgentJoinedAsync(string agentId, string taskId) => ChangeAsync(async () =>
    {
        RequireStarted();
        if (Present(agentId) is not null)
        {
            return true;
        }

        // The customer may have left while the agent was accepting: then there is nobody to join. A task
        // this conversation does not track (its request failed half-way) joins only when none is tracked.
        if (!ConversationStateMachine.Apply(State.State, ConversationEvent.AgentJoined, Facts).Accepted
            || (State.OpenTaskId is not null && State.OpenTaskId != taskId))
        {
            return false;
        }

        State.OpenTaskId = taskId;

        Apply(ConversationEvent.AgentJoined);
        State.Participants.Add(new Participant(ParticipantRole.Agent, agentId, time.GetUtcNow(), null));
        _stateChanged = true;
        Record(ActivityKind.ParticipantJoined, ParticipantRole.Agent, agentId, null, null, data: new() { ["taskId"] = taskId });
        await CommitAsync();
        return true;
    });

    public Task AgentLeftAsync(string agentId) => ChangeAsync(async () =>
    {
        if (Present(agentId) is not null)
        {
            await RemoveAgentAsync(agentId);
            await CommitAsync();
        }
    });

    public Task<long> ReceiveAgentMessageAsync(string agentId, string text, string? channelSessionId) => ChangeAsync(async () =>
    {
        if (Present(agentId) is null)
        {
            throw DomainException.Conflict($"Agent {agentId} is not in conversation {Id}.");
        }

        InboundRules.ValidateText(text);

        var open = State.Sessions.Where(s => s.IsOpen).ToList();
        var target = channelSessionId is not null
            ? open.FirstOrDefault(s => s.Id == channelSessionId) ?? throw DomainException.Conflict($"Channel session {channelSessionId} is not open in conversation {Id}.")
            : open.FirstOrDefault(s => s.Id == State.LastActiveSessionId) ?? open.LastOrDefault()
              ?? throw DomainException.Conflict($"The customer of conversation {Id} has no open channel session.");
        var sent = Record(ActivityKind.AgentMessage, ParticipantRole.Agent, agentId, target.Id, text);
        await CommitAsync();
        return sent.Sequence;
    });

    public Task ReassignCustomerAsync(string customerId) => ChangeAsync(async () =>
    {
        RequireStarted();
        var previous = State.CustomerId;
        State.CustomerId = customerId;
        State.Participants = [.. State.Participants.Select(p => p.Role == ParticipantRole.Customer && p.Id == previous ? p with { Id = customerId } : p)];
        _stateChanged = true;
        await CommitAsync();
    });

    public async Task<ConversationView?> GetAsync() => Started ? await BuildViewAsync() : null;

    public Task<ActivityPage> GetActivitiesAsync(long afterSequence, int limit)
    {
        RequireStarted();
        return activityLog.ReadAsync(Id, afterSequence, Math.Clamp(limit, 1, ActivityPages.MaxLimit));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReconcileReminder)
        {
            // Activation already caught up (see OnActivateAsync); the reminder only had to bring the grain back.
            await this.UnregisterReminderIfAnyAsync(ReconcileReminder);
        }
        else if (State.State == ConversationStatus.Closing)
        {
            await TryCompleteHouseKeepingAsync();
        }
        else
        {
            await this.UnregisterReminderIfAnyAsync(reminderName);
        }
    }

    private async Task StartAsync(string customerId)
    {
        var now = time.GetUtcNow();
        State.CustomerId = customerId;
        State.State = ConversationStatus.Created;
        State.CreatedAt = now;
        State.History.Add(new StateChange(ConversationStatus.Created, now, null));
        State.Participants.Add(new Participant(ParticipantRole.Customer, customerId, now, null));
        State.Participants.Add(new Participant(ParticipantRole.Bot, BotId, now, null));
        State.Settings = await GrainFactory.GetGrain<IChannelCatalogGrain>(GrainKeys.CatalogKey).GetControllerSettingsAsync();
        _stateChanged = true;
        Record(ActivityKind.StateChanged, ParticipantRole.System, null, null, null, data: new() { ["state"] = nameof(ConversationStatus.Created) });
        Record(ActivityKind.ParticipantJoined, ParticipantRole.Bot, BotId, null, null);
    }

    private async Task<(SessionRef Session, bool Opened)> EnsureSessionAsync(ResolvedChannel channel, InboundMessage message)
    {
        // One presence per channel: the customer identifier may be spelled differently between messages.
        var open = State.Sessions.FirstOrDefault(s => s.IsOpen && s.ServiceIdentifier == message.ServiceIdentifier);
        if (open is not null)
        {
            if (await Session(open.Id).TouchAsync(message.ChannelData))
            {
                return (open, false);
            }

            // Closed by an earlier call whose own write of that did not make it: catch up, then open anew.
            State.Sessions[State.Sessions.IndexOf(open)] = open with { IsOpen = false };
            _stateChanged = true;
        }

        var session = new SessionRef(GrainKeys.NewChannelSessionId(), message.ServiceIdentifier, message.CustomerChannelIdentifier, IsOpen: true);
        await Session(session.Id).OpenAsync(new ChannelSessionOpening(
            Id,
            State.CustomerId!,
            message.ServiceIdentifier,
            channel.Type.Code,
            message.CustomerChannelIdentifier,
            SessionDirection.Inbound,
            message.ChannelData,
            channel.Channel.CustomerInactivityTimeout));
        State.Sessions.Add(session);
        _stateChanged = true;
        Record(ActivityKind.SessionOpened, ParticipantRole.Customer, State.CustomerId, session.Id, null, message.ServiceIdentifier,
            data: new() { ["channelType"] = channel.Type.Code });
        return (session, true);
    }

    private async Task ExecuteAsync(IReadOnlyList<ControllerIntent> intents)
    {
        foreach (var intent in intents)
        {
            switch (intent)
            {
                case ControllerIntent.SendToCustomer send:
                    Record(ActivityKind.BotMessage, ParticipantRole.Bot, BotId, send.ChannelSessionId, send.Text);
                    break;
                case ControllerIntent.CloseChannelSession close:
                    await CloseSessionAsync(close.ChannelSessionId, close.Reason);
                    break;
                case ControllerIntent.RequestAgent:
                    await RequestAgentAsync();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown controller intent {intent}.");
            }
        }
    }

    private async Task CloseSessionAsync(string sessionId, SessionCloseReason reason)
    {
        var session = FindSession(sessionId);
        if (session is not { IsOpen: true })
        {
            return;
        }

        await Session(sessionId).CloseAsync(reason);
        State.Sessions[State.Sessions.IndexOf(session)] = session with { IsOpen = false };
        _stateChanged = true;
        Record(ActivityKind.SessionClosed, ParticipantRole.System, null, sessionId, null, session.ServiceIdentifier,
            data: new() { ["reason"] = reason.ToString() });
        if (!State.Sessions.Any(s => s.IsOpen))
        {
            Apply(ConversationEvent.AllCustomerSessionsClosed);
            if (State.OpenTaskId is { } taskId)
            {
                // Abandoned if nobody answered yet; otherwise the agent's task moves to wrap-up or ends. An
                // ended task's agent is out now, not only when the agent's own notice arrives.
                var task = await GrainFactory.GetGrain<IAgentTaskGrain>(taskId).CustomerLeftAsync();
                if (AgentTaskStateMachine.IsFinished(task.State))
                {
                    State.OpenTaskId = null;
                    if (task.AgentId is { } agentId && Present(agentId) is not null)
                    {
                        await RemoveAgentAsync(agentId);
                    }
                }
            }
        }
    }

    /// <summary>The agent leaves; when the last one left, the state machine and then the controller decide what follows.</summary>
    private async Task RemoveAgentAsync(string agentId)
    {
        var participant = Present(agentId)!;
        State.Participants[State.Participants.IndexOf(participant)] = participant with { LeftAt = time.GetUtcNow() };
        _stateChanged = true;
        Record(ActivityKind.ParticipantLeft, ParticipantRole.Agent, agentId, null, null);
        if (!AgentsPresent)
        {
            State.OpenTaskId = null;
            Apply(ConversationEvent.AllAgentsLeft);
            if (State.State == ConversationStatus.Inactive)
            {
                var open = State.Sessions.Where(s => s.IsOpen).OrderByDescending(s => s.Id == State.LastActiveSessionId).Select(s => s.Id).ToList();
                await ExecuteAsync(ControllerPolicy.React(new ControllerSignal.LastAgentLeft(open), State.Settings));
            }
        }
    }

    /// <summary>Hands the conversation to agents: one task, pushed to the channel type's router or parked on its list.</summary>
    private async Task RequestAgentAsync()
    {
        var session = State.Sessions.FirstOrDefault(s => s.IsOpen && s.Id == State.LastActiveSessionId) ?? State.Sessions.LastOrDefault(s => s.IsOpen);
        if (State.OpenTaskId is not null || session is null)
        {
            return;
        }

        var channel = await GrainFactory.GetGrain<IChannelGrain>(GrainKeys.Channel(session.ServiceIdentifier)).GetAsync();
        if (channel is null)
        {
            LogNoChannel(Id, _lastSequence, session.ServiceIdentifier);
            return;
        }

        var taskId = GrainKeys.NewAgentTaskId();
        var spec = new AgentTaskSpec(
            Id,
            State.CustomerId!,
            session.ServiceIdentifier,
            channel.Type.Code,
            channel.Channel.RoutingMode,
            channel.Channel.PullListName,
            TimeSpan.FromSeconds(channel.Channel.OfferTimeoutSeconds ?? Channel.DefaultOfferTimeoutSeconds),
            channel.Channel.WrapUpTimeoutSeconds is { } wrapUp ? TimeSpan.FromSeconds(wrapUp) : null);
        var task = await GrainFactory.GetGrain<IAgentTaskGrain>(taskId).CreateAsync(spec);
        State.OpenTaskId = taskId;
        _stateChanged = true;
        Record(ActivityKind.AgentRequested, ParticipantRole.Bot, BotId, session.Id, null,
            data: new() { ["taskId"] = taskId, ["routingMode"] = spec.RoutingMode.ToString() });

        await GrainFactory.EnqueueAsync(spec, new QueuedTask(taskId, Id, spec.ChannelTypeCode, task.EnqueuedAt));
    }

    private void Apply(ConversationEvent @event)
    {
        var result = ConversationStateMachine.Apply(State.State, @event, Facts);
        if (!result.Accepted)
        {
            throw DomainException.Conflict(result.Rejection!);
        }

        foreach (var state in result.Path)
        {
            State.State = state;
            State.History.Add(new StateChange(state, time.GetUtcNow(), @event));
            Record(ActivityKind.StateChanged, ParticipantRole.System, null, null, null, data: new() { ["state"] = state.ToString() });
            _stateChanged = true;
        }
    }

    protected override bool Unchanged => !_stateChanged && _pending.Count == 0;

    protected override void ForgetUnsaved() => _pending.Clear();

    /// <summary>
    /// Other grains may have stored their part of the failed change (a session closed, a task ended): a
    /// reminder brings this conversation back to catch up even if nobody calls it.
    /// </summary>
    protected override Task AfterFailedChangeAsync() =>
        this.RegisterOrUpdateReminder(ReconcileReminder, HouseKeepingRetry, HouseKeepingRetry);

    /// <summary>Catches up with sessions and a task that ended without this conversation storing it.</summary>
    private async Task ReconcileAsync()
    {
        foreach (var open in State.Sessions.Where(s => s.IsOpen).ToList())
        {
            if (await Session(open.Id).GetAsync() is { Status: ChannelSessionStatus.Closed } closed)
            {
                await CloseSessionAsync(open.Id, closed.CloseReason ?? SessionCloseReason.Controller);
            }
        }

        if (State.OpenTaskId is { } taskId && await GrainFactory.GetGrain<IAgentTaskGrain>(taskId).GetAsync() is { } task
            && AgentTaskStateMachine.IsFinished(task.State))
        {
            State.OpenTaskId = null;
            _stateChanged = true;
            if (task.AgentId is { } agentId && Present(agentId) is not null)
            {
                await RemoveAgentAsync(agentId);
            }
        }

        await CommitAsync();
    }

    /// <summary>Stores what this call changed, then finishes house-keeping if the conversation reached Closing.</summary>
    private async Task CommitAsync()
    {
        await SaveAsync(writeState: _stateChanged);
        if (State.State == ConversationStatus.Closing)
        {
            await TryCompleteHouseKeepingAsync();
        }
    }

    /// <summary>State first (when asked), then the activities in one append, then delivery to connectors and agents.</summary>
    private async Task SaveAsync(bool writeState)
    {
        if (writeState)
        {
            if (State.State == ConversationStatus.Closing)
            {
                // Registered before the state write, so a crash in between still finishes house-keeping.
                await this.RegisterOrUpdateReminder(HouseKeepingReminder, HouseKeepingRetry, HouseKeepingRetry);
            }

            await conversation.WriteStateAsync();
            _stateChanged = false;
        }

        if (_pending.Count > 0)
        {
            var appended = _pending.ToList();
            _pending.Clear();
            await activityLog.AppendAsync(appended);
            await DispatchAsync(appended);
            TellAgents(appended);
        }
    }

    /// <summary>
    /// House-keeping must not fail the call that closed the conversation: a failed attempt is retried by
    /// the reminder, or on the next activation.
    /// </summary>
    private async Task TryCompleteHouseKeepingAsync()
    {
        try
        {
            await CompleteHouseKeepingAsync();
        }
        catch (Exception e)
        {
            ForgetUnsaved();
            DeactivateOnIdle();
            LogHouseKeepingFailed(e, Id);
        }
    }

    /// <summary>
    /// The product's TopicMonitor: the bot unsubscribes and Closed is logged, the complete conversation is
    /// archived, and only then is Closed stored. A retry after a crash archives again (idempotently) and
    /// does not log the closing activities twice.
    /// </summary>
    private async Task CompleteHouseKeepingAsync()
    {
        var now = time.GetUtcNow();
        var alreadyLogged = (await activityLog.ReadAsync(Id, _lastSequence - 1, 1)).Items
            .Any(a => a.Kind == ActivityKind.StateChanged && a.Data?.GetValueOrDefault("state") == nameof(ConversationStatus.Closed));
        State.Participants = [.. State.Participants.Select(p => p.Role == ParticipantRole.Bot && p.LeftAt is null ? p with { LeftAt = now } : p)];
        Record(ActivityKind.ParticipantLeft, ParticipantRole.Bot, BotId, null, null);
        Apply(ConversationEvent.HouseKeepingCompleted);
        if (alreadyLogged)
        {
            _pending.Clear();
        }

        await SaveAsync(writeState: false);
        await reporting.ArchiveConversationAsync(await BuildViewAsync());
        await SaveAsync(writeState: true);
        await this.UnregisterReminderIfAnyAsync(HouseKeepingReminder);

        GrainFactory.GetGrain<ICustomerGrain>(State.CustomerId!).ConversationEndedAsync(Id).Ignore();
        LogClosed(Id);
    }

    private async Task DispatchAsync(IReadOnlyList<Activity> appended)
    {
        var channels = new Dictionary<string, ResolvedChannel?>(StringComparer.Ordinal);
        foreach (var message in appended.Where(a => a.Kind is ActivityKind.BotMessage or ActivityKind.AgentMessage))
        {
            var session = FindSession(message.ChannelSessionId!)!;
            if (!channels.TryGetValue(session.ServiceIdentifier, out var channel))
            {
                channels[session.ServiceIdentifier] = channel =
                    await GrainFactory.GetGrain<IChannelGrain>(GrainKeys.Channel(session.ServiceIdentifier)).GetAsync();
            }

            if (channel is null)
            {
                LogNoChannel(Id, message.Sequence, session.ServiceIdentifier);
                continue;
            }

            outbound.Dispatch(
                new Uri(channel.Connector.WebhookUrl),
                OutboundMessage.For(message, session.ServiceIdentifier, session.CustomerChannelIdentifier, channel.Connector.Id));
        }
    }

    /// <summary>Every agent in the conversation sees its messages live.</summary>
    private void TellAgents(IReadOnlyList<Activity> appended)
    {
        var messages = appended.Where(a => a.Kind is ActivityKind.CustomerMessage or ActivityKind.BotMessage or ActivityKind.AgentMessage).ToList();
        foreach (var agent in State.Participants.Where(p => p is { Role: ParticipantRole.Agent, LeftAt: null }))
        {
            var grain = GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(agent.Id));
            foreach (var message in messages)
            {
                grain.OnConversationActivityAsync(message).Ignore();
            }
        }
    }

    /// <summary>An agent is in, or the task asked for one is still under way (checked, in case its end was missed).</summary>
    private async Task<bool> AgentEngagedAsync()
    {
        if (AgentsPresent || State.OpenTaskId is null)
        {
            return AgentsPresent;
        }

        var task = await GrainFactory.GetGrain<IAgentTaskGrain>(State.OpenTaskId).GetAsync();
        if (task is null || AgentTaskStateMachine.IsFinished(task.State))
        {
            State.OpenTaskId = null;
            _stateChanged = true;
            return false;
        }

        return true;
    }

    private ConversationFacts Facts => new(State.WrapUpConfigured);

    private bool AgentsPresent => State.Participants.Any(p => p is { Role: ParticipantRole.Agent, LeftAt: null });

    private Participant? Present(string agentId) =>
        State.Participants.FirstOrDefault(p => p is { Role: ParticipantRole.Agent, LeftAt: null } && p.Id == agentId);

    private Activity Record(
        ActivityKind kind,
        ParticipantRole from,
        string? participantId,
        string? sessionId,
        string? text,
        string? serviceIdentifier = null,
        string? connectorMessageId = null,
        Dictionary<string, string>? data = null)
    {
        var activity = new Activity(
            Id, ++_lastSequence, kind, from, participantId, State.CustomerId!, sessionId, text, time.GetUtcNow(),
            serviceIdentifier, connectorMessageId, data);
        _pending.Add(activity);
        return activity;
    }

    private async Task<ConversationView> BuildViewAsync()
    {
        var sessions = await Task.WhenAll(State.Sessions.Select(s => Session(s.Id).GetAsync()));
        return new ConversationView(
            Id,
            State.CustomerId!,
            State.State,
            State.CreatedAt,
            [.. State.History],
            [.. sessions.OfType<ChannelSessionView>()],
            [.. State.Participants]);
    }

    private void RequireStarted()
    {
        if (!Started)
        {
            throw DomainException.NotFound($"No conversation {Id}.");
        }
    }

    private SessionRef? FindSession(string sessionId) => State.Sessions.FirstOrDefault(s => s.Id == sessionId);

    private IChannelSessionGrain Session(string id) => GrainFactory.GetGrain<IChannelSessionGrain>(id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "House-keeping of conversation {ConversationId} failed; it is retried")]
    private partial void LogHouseKeepingFailed(Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} could not catch up with its sessions and task; it tries again on its next activation")]
    private partial void LogReconcileFailed(Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} closed")]
    private partial void LogClosed(string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: message {Sequence} not delivered, channel {ServiceIdentifier} no longer exists")]
    private partial void LogNoChannel(string conversationId, long sequence, string serviceIdentifier);
}
