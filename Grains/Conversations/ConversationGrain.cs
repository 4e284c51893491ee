using Conversations.Activities;
using Conversations.Agents;
using Conversations.ChannelSessions;
using Conversations.Channels;
using Conversations.Customers;
using Conversations.Domain;
using Conversations.Hosting;
using Conversations.Inbound;
using Conversations.Outbound;
using Conversations.Reporting;
using Conversations.Storage;
using Conversations.Telemetry;
using Conversations.Timing;
using Microsoft.Extensions.Logging;

namespace Conversations.Conversations;

/// <summary>
/// Orchestrates one conversation. Each call makes a <see cref="Conversation"/> decision on the stored
/// state, asks other grains what the decision needs to know, carries out its effects, and commits: the
/// state write (only when something changed), then one batched append to the activity log, then delivery.
/// </summary>
/// <remarks>Placed with its customer's grains (see <see cref="Customers.CustomerGrain"/>).</remarks>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class ConversationGrain(
    [PersistentState(StateNames.Conversation, StorageNames.GrainState)] IPersistentState<ConversationState> conversation,
    IActivityLog activityLog,
    IReportingStore reporting,
    IOutboundDispatcher outbound,
    ChannelDirectory channels,
    ControllerSettingsCopy controllerSettings,
    IWakeUpBook wakeUps,
    ConversationsMetrics metrics,
    NewGrainKeys newKeys,
    TimeProvider time,
    ILogger<ConversationGrain> logger)
    : ReloadOnFailureGrain, IConversationGrain, IIncomingGrainCallFilter
{
    /// <summary>
    /// While closing is under way (a session closed, a task ended, house-keeping) the wake-up book holds this
    /// conversation due this soon, so a silo that stops half-way leaves the rest to another within seconds.
    /// </summary>
    private static readonly TimeSpan ComeBackAfter = TimeSpan.FromSeconds(2);

    // Only sessions are placed with the conversation (PreferLocalPlacement); an agent task may live on any silo.
    private readonly ConversationIds _ids = new(() => newKeys.Mint(GrainKeys.NewChannelSessionId()), GrainKeys.NewAgentTaskId);

    private ConversationPeers _peers = null!;
    private Conversation? _decision;
    private long _lastSequence;

    private string Id => this.GetPrimaryKeyString();

    private bool Started => conversation.State.CustomerId is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        using var scope = BeginLogScope();
        _peers = new ConversationPeers(Id, GrainFactory, channels, outbound, logger);
        if (Started)
        {
            conversation.State.Settings = conversation.State.Settings.WithoutRepeats();
            metrics.ConversationIs(Id, conversation.State.Status);
            _lastSequence = await activityLog.GetLastSequenceAsync(Id, cancellationToken);
            if (conversation.State.Status != ConversationStatus.Closed)
            {
                // Again on activation, so the supervisors' list recovers a report lost on the way.
                ReportLive(before: null);
            }
        }

        try
        {
            await CatchUpAsync();
        }
        catch (Exception e)
        {
            LogReconcileFailed(e, Id);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.ConversationDeactivated(Id);
        return Task.CompletedTask;
    }

    /// <summary>Every call's log lines carry the conversation's and its customer's ids.</summary>
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        using var scope = BeginLogScope();
        await context.Invoke();
    }

    Task<InboundAccepted?> IConversationGrain.ReceiveCustomerMessageAsync(string customerId, ResolvedChannel channel, InboundMessage message) =>
        DecideAsync(async model =>
        {
            if (!model.IsStarted)
            {
                model.Start(customerId, await controllerSettings.GetAsync());
            }
            else if (!model.IsLive)
            {
                return null;
            }

            if (model.TaskToConfirm is { } taskId)
            {
                await _peers.ObserveTaskAsync(model, taskId);
            }

            var open = model.OpenSessionOn(message.ServiceIdentifier);
            SessionTouch? touched = open is null ? null : await _peers.Session(open.Id).TouchAsync(message.ChannelData);
            var expiredAt = touched == SessionTouch.Expired ? (await _peers.Session(open!.Id).GetAsync())?.ExpiresAt : null;
            var logged = model.ReceiveCustomerMessage(
                new CustomerMessage(
                    message.ServiceIdentifier, channel.Type.Code, message.CustomerChannelIdentifier, message.Key(channel).Sender, message.ConnectorMessageId,
                    message.Text, message.ChannelData, channel.Channel.CustomerInactivityTimeout, channel.Channel.WrapUpTimeout is not null,
                    message.Attachments),
                touched,
                expiredAt);
            return logged is null ? null : new InboundAccepted(Id, logged.ChannelSessionId!, model.State.CustomerId!, logged.Sequence, Duplicate: false);
        });

    Task<BusinessMessageLogged?> IConversationGrain.SendBusinessMessageAsync(string customerId, ResolvedChannel channel, BusinessMessage message) =>
        DecideAsync(async model =>
        {
            var joined = model.IsStarted;
            if (joined && !model.IsLive)
            {
                return null;
            }

            if (model.Logged(message) is { } earlier && await InLogAsync(earlier))
            {
                return new BusinessMessageLogged(Id, earlier.ChannelSessionId, earlier.Sequence, earlier.JoinedLive);
            }

            var open = model.OpenSessionOn(message.ServiceIdentifier);
            var lastCustomerMessage = open is null ? null : await activityLog.GetLastCustomerActivityAsync(open.Id);
            OutboundRules.RequireSendable(
                channel.Connector.Kind, OutboundData.TemplateOf(message.Data) is not null, WhatsAppWindow.At(lastCustomerMessage, time.GetUtcNow()));
            if (!joined)
            {
                model.Start(customerId, await controllerSettings.GetAsync());
            }

            var logged = model.SendBusinessMessage(message, joined);
            return new BusinessMessageLogged(Id, logged.ChannelSessionId, logged.Sequence, joined);
        });

    /// <summary>
    /// Whether a remembered business message reached the log: the state is stored before the append, so a failed append
    /// leaves a request remembered that was never logged, and its retry must send it after all.
    /// </summary>
    private async Task<bool> InLogAsync(LoggedBusinessRequest request)
    {
        var page = await activityLog.ReadAsync(Id, request.Sequence - 1, 1);
        return page.Items is [{ } logged] && logged.Sequence == request.Sequence
            && logged.Data?.GetValueOrDefault(OutboundData.RequestId) == request.RequestId;
    }

    Task<ConnectorEventHandled> IConversationGrain.CustomerLeftAsync(string serviceIdentifier) => Decide(model =>
    {
        var (sessionId, closed) = model.CustomerLeft(serviceIdentifier);
        return new ConnectorEventHandled(Id, sessionId, closed);
    });

    Task IConversationGrain.ReportSessionInactiveAsync(string channelSessionId) => DecideAsync(async model =>
        model.SessionInactive(channelSessionId, (await _peers.Session(channelSessionId).GetAsync())?.Observed));

    async Task<bool> IConversationGrain.AgentJoinedAsync(string agentId, string taskId)
    {
        var joined = await Decide(model => model.AgentJoined(agentId, taskId));
        if (joined)
        {
            GrainFactory.Get<ICustomerGrain>(conversation.State.CustomerId!).AgentJoinedAsync(agentId).Ignore();
        }

        return joined;
    }

    Task IConversationGrain.OnDeliveryRecordedAsync(long sequence)
    {
        var agents = conversation.State.Participants.Where(p => p is { Role: ParticipantRole.Agent, LeftAt: null });
        foreach (var agent in agents)
        {
            GrainFactory.Get<IAgentGrain>(GrainKeys.Agent(agent.Id)).OnDeliveryRecordedAsync(Id, sequence).Ignore();
        }

        return Task.CompletedTask;
    }

    Task IConversationGrain.AgentTransferredAsync(string agentId, string taskId) => Decide(model => model.AgentTransferred(agentId, taskId));

    Task IConversationGrain.AgentLeftAsync(string agentId) => Decide(model => model.AgentLeft(agentId));

    Task<long> IConversationGrain.ReceiveAgentMessageAsync(string agentId, string text, string? channelSessionId, MessageAttachment? attachment) =>
        Decide(model => model.AgentMessage(agentId, text, channelSessionId, attachment).Sequence);

    Task IConversationGrain.ReassignCustomerAsync(string customerId) => Decide(model => model.ReassignCustomer(customerId));

    async Task<ConversationView?> IConversationGrain.GetAsync() => Started ? await _peers.ViewAsync(conversation.State) : null;

    Task<ActivityPage> IConversationGrain.GetActivitiesAsync(long afterSequence, int limit)
    {
        if (!Started)
        {
            throw DomainException.NotFound($"No conversation {Id}.");
        }

        return activityLog.ReadAsync(Id, afterSequence, Math.Clamp(limit, 1, ActivityPages.MaxLimit));
    }

    /// <summary>Closing work was left unfinished, or a change failed half-way: catch up and finish.</summary>
    async Task IWakeUpTarget.WakeAsync()
    {
        await CatchUpAsync();
        if (conversation.State.Status != ConversationStatus.Closing)
        {
            await wakeUps.CancelAsync(this.GetGrainId());
        }
    }

    protected override bool Unchanged => _decision is null || (!_decision.StateChanged && _decision.Activities.Count == 0);

    protected override void ForgetUnsaved() => _decision = null;

    /// <summary>
    /// Other grains may have stored their part of the failed change (a session closed, a task ended): a
    /// wake-up brings this conversation back to catch up even if nobody calls it.
    /// </summary>
    protected override Task AfterFailedChangeAsync() => ComeBackSoonAsync();

    /// <summary>One decision: what the call tells the model, the effects it leaves, then the commit.</summary>
    private Task<T> DecideAsync<T>(Func<Conversation, Task<T>> decide) => ChangeAsync(async () =>
    {
        var model = _decision = new Conversation(Id, conversation.State, _lastSequence, time.GetUtcNow(), _ids);
        var result = await decide(model);
        var closing = model.ClosingUnderWay;
        if (closing)
        {
            await ComeBackSoonAsync();
        }

        await _peers.CarryOutAsync(model);
        await CommitAsync(model);
        if (closing && ConversationStateMachine.IsLive(conversation.State.Status))
        {
            await wakeUps.CancelAsync(this.GetGrainId());
        }

        return result;
    });

    private Task DecideAsync(Func<Conversation, Task> decide) => DecideAsync(async model =>
    {
        await decide(model);
        return true;
    });

    private Task<T> Decide<T>(Func<Conversation, T> decide) => DecideAsync(model => Task.FromResult(decide(model)));

    private Task Decide(Action<Conversation> decide) => DecideAsync(model =>
    {
        decide(model);
        return Task.CompletedTask;
    });

    /// <summary>Finishes what a stopped silo or a failed call may have left: house-keeping, or catching up with sessions and task.</summary>
    private async Task CatchUpAsync()
    {
        if (conversation.State.Status == ConversationStatus.Closing)
        {
            await TryCompleteHouseKeepingAsync();
        }
        else if (Started && ConversationStateMachine.IsLive(conversation.State.Status))
        {
            await DecideAsync(_peers.ObserveAsync);
        }
    }

    private async Task CommitAsync(Conversation model)
    {
        if (model.StateChanged)
        {
            await StoreAsync(model.State);
        }

        await AppendAsync(model);
        _decision = null;
        if (conversation.State.Status == ConversationStatus.Closing)
        {
            await TryCompleteHouseKeepingAsync();
        }
    }

    private async Task StoreAsync(ConversationState state)
    {
        if (state.Status == ConversationStatus.Closing)
        {
            // Booked before the state write, so a crash in between still finishes house-keeping.
            await ComeBackSoonAsync();
        }

        var before = LiveConversation.Of(Id, conversation.State, time.GetUtcNow());
        conversation.State = state;
        await conversation.WriteStateAsync();
        metrics.ConversationIs(Id, state.Status);
        ReportLive(before);
    }

    /// <summary>
    /// The supervisors' list of live conversations follows each change it shows (state, channel, agents), one way so
    /// it never holds the conversation up.
    /// </summary>
    private void ReportLive(LiveConversation? before)
    {
        if (LiveConversation.Of(Id, conversation.State, time.GetUtcNow()) is { } now && !now.ShowsTheSameAs(before))
        {
            LiveConversationBooks.Of(GrainFactory, Id).RecordAsync(now).Ignore();
        }
    }

    /// <summary>The decision's activities in one append, then delivered.</summary>
    private async Task AppendAsync(Conversation model)
    {
        if (model.Activities.Count == 0)
        {
            return;
        }

        var appended = model.Activities.Select(a => (Decided: a, Logged: Activity.Logged(Id, model.State.CustomerId!, a))).ToList();
        using (ConversationsTracing.StartCommit(Id, appended.Count))
        {
            await activityLog.AppendAsync([.. appended.Select(a => a.Logged)]);
        }

        _lastSequence = model.LastSequence;
        await _peers.DeliverAsync(model, appended);
    }

    /// <summary>
    /// House-keeping must not fail the call that closed the conversation: a failed attempt is retried by
    /// its wake-up, or on the next activation.
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
    /// The closing activities are logged, the complete conversation is archived, and only then is Closed
    /// stored. A retry after a crash archives again (idempotently).
    /// </summary>
    private async Task CompleteHouseKeepingAsync()
    {
        var last = (await activityLog.ReadAsync(Id, _lastSequence - 1, 1)).Items;
        var model = _decision = new Conversation(Id, conversation.State, _lastSequence, time.GetUtcNow(), _ids);
        model.CompleteHouseKeeping(closingAlreadyLogged: last.Any(a => Conversation.IsClosedActivity(a.Kind, a.Data)));
        await AppendAsync(model);
        await reporting.ArchiveConversationAsync(await _peers.ViewAsync(model.State));
        await StoreAsync(model.State);
        _decision = null;
        await wakeUps.CancelAsync(this.GetGrainId());

        GrainFactory.Get<ICustomerGrain>(conversation.State.CustomerId!).ConversationEndedAsync(Id).Ignore();
        LogClosed(Id);
    }

    private IDisposable? BeginLogScope() => logger.BeginConversationScope(Id, conversation.State.CustomerId);

    private Task ComeBackSoonAsync() => wakeUps.BookAsync(this.GetGrainId(), time.GetUtcNow() + ComeBackAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "House-keeping of conversation {ConversationId} failed; it is retried")]
    private partial void LogHouseKeepingFailed(Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} could not catch up with its sessions and task; it tries again on its next activation")]
    private partial void LogReconcileFailed(Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} closed")]
    private partial void LogClosed(string conversationId);
}
