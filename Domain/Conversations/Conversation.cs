using Conversations.Activities;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Domain;
using Conversations.Outbound;

namespace Conversations.Conversations;

/// <summary>Where new ids come from; the grain passes the real generators, tests predictable ones.</summary>
public sealed record ConversationIds(Func<string> NewChannelSessionId, Func<string> NewAgentTaskId);

/// <summary>
/// The conversation's decisions, free of Orleans and I/O. A grain call makes one on the stored state
/// and the time of the call, tells it what happened, then stores <see cref="State"/> (when
/// <see cref="StateChanged"/>), appends <see cref="Activities"/> and carries out the effects it takes
/// from <see cref="TryTakeEffect"/>. The state machine decides the state, the controller policy what
/// the bot does; this class applies both and keeps sessions, participants and the agent task in step.
/// </summary>
public sealed class Conversation(string id, ConversationState stored, long lastSequence, DateTimeOffset now, ConversationIds ids)
{
    public const string BotId = "controller-bot";

    /// <summary>Business requests a conversation remembers: retries come within minutes, long before this many more.</summary>
    public const int RecentRequests = 20;

    private readonly List<ConversationActivity> _activities = [];
    private readonly Queue<ConversationEffect> _effects = new();
    private long _lastSequence = lastSequence;

    private readonly DateTimeOffset _now = now;

    /// <summary>When what is being decided happened: now, unless the decision catches up with something earlier.</summary>
    private DateTimeOffset _at = now;

    /// <summary>The state after this decision; a copy, so the stored one stays as it was until it is replaced.</summary>
    public ConversationState State { get; } = stored.Copy();

    public bool StateChanged { get; private set; }

    /// <summary>The activities this decision appends, in sequence.</summary>
    public IReadOnlyList<ConversationActivity> Activities => _activities;

    public long LastSequence => _lastSequence;

    public bool IsStarted => State.CustomerId is not null;

    /// <summary>Whether the conversation still takes customer messages (a new one starts otherwise).</summary>
    public bool IsLive => ConversationStateMachine.IsLive(State.Status);

    public IEnumerable<string> AgentsPresent =>
        State.Participants.Where(p => p is { Role: ParticipantRole.Agent, LeftAt: null }).Select(p => p.Id);

    /// <summary>A task asked for but not joined yet, which may have ended without the conversation hearing of it.</summary>
    public string? TaskToConfirm => AgentsPresent.Any() ? null : State.OpenTaskId;

    public bool TryTakeEffect(out ConversationEffect effect) => _effects.TryDequeue(out effect!);

    /// <summary>
    /// The effects waiting include steps of closing (a session closed, a task ended) that other grains store
    /// before this decision is: the grain must make sure it comes back to finish if it stops half-way.
    /// </summary>
    public bool ClosingUnderWay => _effects.Any(e => e is ConversationEffect.CloseSession or ConversationEffect.EndTaskForCustomerLeft);

    public IReadOnlyList<SessionRef> OpenSessions => [.. State.Sessions.Where(s => s.IsOpen)];

    public SessionRef? Session(string channelSessionId) => State.Sessions.FirstOrDefault(s => s.Id == channelSessionId);

    /// <summary>The customer's open session on a channel: one presence per channel, however the identifier is spelled.</summary>
    public SessionRef? OpenSessionOn(string serviceIdentifier) =>
        State.Sessions.FirstOrDefault(s => s.IsOpen && s.ServiceIdentifier == serviceIdentifier);

    public void Start(string customerId, ControllerSettings settings)
    {
        if (IsStarted)
        {
            return;
        }

        State.CustomerId = customerId;
        State.Status = ConversationStatus.Created;
        State.CreatedAt = _at;
        State.History.Add(new StateChange(ConversationStatus.Created, _at, null));
        State.Participants.Add(new Participant(ParticipantRole.Customer, customerId, _at, null));
        State.Participants.Add(new Participant(ParticipantRole.Bot, BotId, _at, null));
        State.Settings = settings;
        StateChanged = true;
        Record(ActivityKind.StateChanged, ParticipantRole.System, null, null, null, data: StateData(ConversationStatus.Created));
        Record(ActivityKind.ParticipantJoined, ParticipantRole.Bot, BotId, null, null);
    }

    /// <summary>
    /// Logs the customer's message on its channel's session and lets the controller react. <paramref name="openSession"/>
    /// is what became of the message's attempt to use the open session on that channel (null when there is none):
    /// one whose deadline passed (at <paramref name="expiredAt"/>) is acted on first, exactly as if that had happened in time, so the message may
    /// need a new session, or a new conversation. Null then, or when the conversation is over: the caller starts one.
    /// </summary>
    public ConversationActivity? ReceiveCustomerMessage(CustomerMessage message, SessionTouch? openSession, DateTimeOffset? expiredAt = null)
    {
        RequireStarted();
        if (openSession == SessionTouch.Expired && IsLive && OpenSessionOn(message.ServiceIdentifier) is { } expired)
        {
            AsOf(expiredAt ?? _at, () => ActOnInactivity(expired.Id));
        }

        if (!IsLive)
        {
            return null;
        }

        var starting = State.Sessions.Count == 0;
        if (message.WrapUpConfigured && !State.WrapUpConfigured)
        {
            State.WrapUpConfigured = true;
            StateChanged = true;
        }

        var (session, opened) = EnsureSession(message, openSession);
        if (session.AwaitingReply)
        {
            var answered = session with { AwaitingReply = false };
            Replace(session, answered);
            session = answered;
        }

        var logged = Record(
            ActivityKind.CustomerMessage, ParticipantRole.Customer, State.CustomerId, session.Id, message.Text,
            message.ServiceIdentifier, message.ConnectorMessageId, message.Sender, attachments: message.Attachments);
        if (State.LastActiveSessionId != session.Id)
        {
            State.LastActiveSessionId = session.Id;
            StateChanged = true;
        }

        if (starting)
        {
            React(new ControllerSignal.ConversationStarted(session.Id));
        }
        else if (opened)
        {
            Apply(ConversationEvent.CustomerSessionOpened);
        }

        var agentEngaged = AgentsPresent.Any() || State.OpenTaskId is not null;
        if (State.ReplyOwner is { } owner)
        {
            // The customer answered the business's message: its owner takes the conversation, unless an agent already has.
            State.ReplyOwner = null;
            StateChanged = true;
            if (!agentEngaged)
            {
                RequestAgent(owner);
                agentEngaged = true;
            }
        }

        React(new ControllerSignal.CustomerMessage(session.Id, message.Text, agentEngaged));
        return logged;
    }

    /// <summary>
    /// The business writes to the customer: on the customer's open session on the channel, or on a new outbound one. No
    /// agent is asked for yet: with an <see cref="BusinessMessage.Owner"/>, the customer's first reply goes to it
    /// (unless an agent is engaged by then).
    /// </summary>
    public LoggedBusinessRequest SendBusinessMessage(BusinessMessage message, bool joinedLive)
    {
        RequireStarted();
        if (!IsLive)
        {
            throw DomainException.Conflict($"Conversation {id} is over.");
        }

        var session = OpenSessionOn(message.ServiceIdentifier)
            ?? OpenSession(
                message.ServiceIdentifier, message.ChannelTypeCode, message.CustomerChannelIdentifier, new Dictionary<string, string>(),
                message.InactivityTimeout, SessionDirection.Outbound);
        if (State.LastActiveSessionId is null)
        {
            State.LastActiveSessionId = session.Id;
            StateChanged = true;
        }

        if (message.Owner is not null && !AgentsPresent.Any() && State.OpenTaskId is null)
        {
            State.ReplyOwner = message.Owner;
            StateChanged = true;
        }

        var logged = Record(ActivityKind.BotMessage, ParticipantRole.Bot, BotId, session.Id, message.Text, message.ServiceIdentifier, data: message.Data);
        var request = new LoggedBusinessRequest(message.Data.GetValueOrDefault(OutboundData.RequestId) ?? string.Empty, logged.Sequence, session.Id, joinedLive);
        if (request.RequestId.Length > 0)
        {
            State.BusinessRequests = [.. State.BusinessRequests.TakeLast(RecentRequests - 1), request];
            StateChanged = true;
        }

        return request;
    }

    /// <summary>
    /// The message this conversation already logged for the same request id, if it is among the latest: a client's
    /// retry whose first answer was lost (a timeout, a crash before the request stored it) sends nothing again.
    /// </summary>
    public LoggedBusinessRequest? Logged(BusinessMessage message) =>
        message.Data.GetValueOrDefault(OutboundData.RequestId) is { } requestId
            ? State.BusinessRequests.LastOrDefault(r => r.RequestId == requestId)
            : null;

    /// <summary>The connector says the customer left a channel; returns the session it was about and whether it closed.</summary>
    public (string? ChannelSessionId, bool Closed) CustomerLeft(string serviceIdentifier)
    {
        var leaving = IsLive ? State.Sessions.Where(s => s.IsOpen && s.ServiceIdentifier == serviceIdentifier).ToList() : [];
        foreach (var session in leaving)
        {
            React(new ControllerSignal.CustomerLeftChannel(session.Id));
        }

        var closed = leaving.Count > 0 && leaving.All(l => !Session(l.Id)!.IsOpen);
        return (leaving.FirstOrDefault()?.Id, closed);
    }

    /// <summary>A session's inactivity deadline passed, as the session saw it; <paramref name="observed"/> is how it is now.</summary>
    public void SessionInactive(string channelSessionId, ObservedSession? observed)
    {
        var known = Session(channelSessionId);
        if (known is null)
        {
            // Opened by a call that failed before this conversation stored it: nobody can use it.
            _effects.Enqueue(new ConversationEffect.CloseSession(channelSessionId, SessionCloseReason.Controller));
            return;
        }

        // The customer may have written since the session's timer fired.
        if (!known.IsOpen || !IsLive || observed is null || observed.ExpiresAt > _now)
        {
            return;
        }

        if (observed.Closed)
        {
            CatchUpWithClose(channelSessionId, observed, SessionCloseReason.Inactivity);
            return;
        }

        // The customer went inactive at the deadline, however late this is heard of.
        AsOf(observed.ExpiresAt, () => ActOnInactivity(channelSessionId));
    }

    /// <summary>Catches up with a session that closed without this conversation storing it.</summary>
    public void SessionObserved(string channelSessionId, ObservedSession? observed)
    {
        if (observed is { Closed: true } && Session(channelSessionId) is { IsOpen: true } && IsLive)
        {
            CatchUpWithClose(channelSessionId, observed, SessionCloseReason.Controller);
        }
    }

    /// <summary>A session closed before this conversation stored it: what follows happened when the session closed.</summary>
    private void CatchUpWithClose(string channelSessionId, ObservedSession observed, SessionCloseReason assumed) =>
        AsOf(observed.ClosedAt ?? _at, () => CloseSession(channelSessionId, observed.CloseReason ?? assumed));

    /// <summary>Decides something that happened earlier than now with that time on what it records.</summary>
    private void AsOf(DateTimeOffset happened, Action decide)
    {
        var decidedAt = _at;
        _at = happened < decidedAt ? happened : decidedAt;
        try
        {
            decide();
        }
        finally
        {
            _at = decidedAt;
        }
    }

    /// <summary>
    /// Catches up with the open task (null when it does not exist): a task that is over is no longer open,
    /// and its agent is out now, not only when the agent's own notice arrives.
    /// </summary>
    public void TaskObserved(string taskId, AgentTaskStatus? status, string? agentId)
    {
        if (State.OpenTaskId != taskId || status is { } s && !AgentTaskStateMachine.IsFinished(s))
        {
            return;
        }

        State.OpenTaskId = null;
        StateChanged = true;
        if (agentId is not null && IsPresent(agentId))
        {
            RemoveAgent(agentId);
        }
    }

    /// <summary>
    /// The channel of a requested agent is known: the task's terms, logged as requested. The task itself is
    /// the grain's to create.
    /// </summary>
    public AgentTaskSpec TaskFor(ConversationEffect.RequestAgent request, Channel channel, string channelTypeCode)
    {
        // A queue that owns the replies is a pull list of its own; an owner agent is offered the task the channel's way.
        var (mode, list) = request.Owner?.Queue is { } queue ? (RoutingMode.Pull, queue) : (channel.RoutingMode, channel.PullListName);
        var spec = new AgentTaskSpec(
            id, State.CustomerId!, request.ServiceIdentifier, channelTypeCode, mode, list, channel.OfferTimeout, channel.WrapUpTimeout);
        var data = new Dictionary<string, string> { ["taskId"] = request.TaskId, ["routingMode"] = spec.RoutingMode.ToString() };
        if (request.Owner is { } owner)
        {
            data["owner"] = owner.AgentId ?? owner.Queue!;
        }

        Record(ActivityKind.AgentRequested, ParticipantRole.Bot, BotId, request.ChannelSessionId, null, data: data);
        return spec;
    }

    /// <summary>The channel to hand over on no longer exists: no task, and the bot stays in charge.</summary>
    public void AgentRequestFailed(string taskId)
    {
        if (State.OpenTaskId == taskId)
        {
            State.OpenTaskId = null;
        }
    }

    /// <summary>
    /// An agent took the conversation's task: the first agent in makes it Active. False when there is nobody
    /// to join: the customer left while the agent was accepting, or the task is not the one this conversation tracks.
    /// </summary>
    public bool AgentJoined(string agentId, string taskId)
    {
        RequireStarted();
        if (IsPresent(agentId))
        {
            return true;
        }

        if (!ConversationStateMachine.Apply(State.Status, ConversationEvent.AgentJoined, Facts).Accepted
            || (State.OpenTaskId is not null && State.OpenTaskId != taskId))
        {
            return false;
        }

        State.OpenTaskId = taskId;
        Apply(ConversationEvent.AgentJoined);
        State.Participants.Add(new Participant(ParticipantRole.Agent, agentId, _at, null));
        StateChanged = true;
        Record(ActivityKind.ParticipantJoined, ParticipantRole.Agent, agentId, null, null,
            data: new Dictionary<string, string> { ["taskId"] = taskId });
        return true;
    }

    public void AgentLeft(string agentId)
    {
        if (IsPresent(agentId))
        {
            RemoveAgent(agentId);
        }
    }

    /// <summary>
    /// The agent's task went to another agent: the agent is out, the task stays open for the next one, and the
    /// conversation does not treat it as the last agent leaving.
    /// </summary>
    public void AgentTransferred(string agentId, string taskId)
    {
        if (!IsPresent(agentId) || State.OpenTaskId != taskId)
        {
            return;
        }

        MarkLeft(agentId, new Dictionary<string, string> { ["taskId"] = taskId, ["reason"] = "transferred" });
    }

    /// <summary>
    /// An agent writes to the customer, on the named session or else where the customer wrote last, with a file if
    /// given (<see cref="AttachmentRules.TextWith"/>).
    /// </summary>
    public ConversationActivity AgentMessage(string agentId, string text, string? channelSessionId, MessageAttachment? attachment = null)
    {
        if (!IsPresent(agentId))
        {
            throw DomainException.Conflict($"Agent {agentId} is not in conversation {id}.");
        }

        if (attachment is not null)
        {
            AttachmentRules.Validate([attachment]);
            text = AttachmentRules.TextWith(text, attachment);
        }

        InboundRules.ValidateText(text);
        var target = channelSessionId is not null
            ? State.Sessions.FirstOrDefault(s => s.IsOpen && s.Id == channelSessionId)
              ?? throw DomainException.Conflict($"Channel session {channelSessionId} is not open in conversation {id}.")
            : ReplySessions().FirstOrDefault()
              ?? throw DomainException.Conflict($"The customer of conversation {id} has no open channel session.");
        return Record(ActivityKind.AgentMessage, ParticipantRole.Agent, agentId, target.Id, text, attachments: attachment is null ? null : [attachment]);
    }

    /// <summary>Moves the conversation to another customer after two customer records were merged.</summary>
    public void ReassignCustomer(string customerId)
    {
        // Its customer was made for a first message that never got this far: nothing names the old customer yet.
        if (!IsStarted)
        {
            return;
        }

        var previous = State.CustomerId;
        State.CustomerId = customerId;
        State.Participants = [.. State.Participants.Select(p => p.Role == ParticipantRole.Customer && p.Id == previous ? p with { Id = customerId } : p)];
        StateChanged = true;
    }

    /// <summary>
    /// The product's TopicMonitor: the bot leaves and Closed is reached. A retry after a crash, with the
    /// closing activities already in the log, does not log them twice.
    /// </summary>
    public void CompleteHouseKeeping(bool closingAlreadyLogged)
    {
        var (logged, sequence) = (_activities.Count, _lastSequence);
        State.Participants = [.. State.Participants.Select(p => p.Role == ParticipantRole.Bot && p.LeftAt is null ? p with { LeftAt = _at } : p)];
        Record(ActivityKind.ParticipantLeft, ParticipantRole.Bot, BotId, null, null);
        Apply(ConversationEvent.HouseKeepingCompleted);
        if (closingAlreadyLogged)
        {
            _activities.RemoveRange(logged, _activities.Count - logged);
            _lastSequence = sequence;
        }
    }

    /// <summary>Whether an activity is the one <see cref="CompleteHouseKeeping"/> logs last.</summary>
    public static bool IsClosedActivity(ActivityKind kind, IReadOnlyDictionary<string, string>? data) =>
        kind == ActivityKind.StateChanged && data?.GetValueOrDefault("state") == nameof(ConversationStatus.Closed);

    /// <summary>The controller decides what a passed deadline means; a session it keeps stops counting until the customer writes.</summary>
    private void ActOnInactivity(string channelSessionId)
    {
        // A customer who never answered the business's message is not told the conversation closes for their silence.
        var settings = Session(channelSessionId) is { AwaitingReply: true } ? State.Settings with { InactivityClosingText = null } : State.Settings;
        var intents = ControllerPolicy.React(new ControllerSignal.SessionInactive(channelSessionId), settings);
        Execute(intents);
        if (!intents.OfType<ControllerIntent.CloseChannelSession>().Any())
        {
            _effects.Enqueue(new ConversationEffect.AcknowledgeInactivity(channelSessionId));
        }
    }

    private (SessionRef Session, bool Opened) EnsureSession(CustomerMessage message, SessionTouch? openSession)
    {
        if (OpenSessionOn(message.ServiceIdentifier) is { } open)
        {
            switch (openSession)
            {
                case SessionTouch.Touched:
                    return (open, false);
                case SessionTouch.Expired:
                    // Kept open past its deadline: the message counts on it once it is touched again.
                    _effects.Enqueue(new ConversationEffect.TouchSession(open.Id, message.ChannelData));
                    return (open, false);
            }

            // Closed by an earlier call whose own write of that did not make it: catch up, then open anew.
            Replace(open, open with { IsOpen = false });
        }

        var session = OpenSession(
            message.ServiceIdentifier, message.ChannelTypeCode, message.CustomerChannelIdentifier, message.ChannelData, message.InactivityTimeout,
            SessionDirection.Inbound);
        return (session, true);
    }

    /// <summary>A new session on the channel, opened by the customer's message (inbound) or the business's (outbound).</summary>
    private SessionRef OpenSession(
        string serviceIdentifier, string channelTypeCode, string customerChannelIdentifier, IReadOnlyDictionary<string, string> channelData,
        TimeSpan inactivityTimeout, SessionDirection direction)
    {
        var session = new SessionRef(
            ids.NewChannelSessionId(), serviceIdentifier, customerChannelIdentifier, IsOpen: true, AwaitingReply: direction == SessionDirection.Outbound);
        _effects.Enqueue(new ConversationEffect.OpenSession(
            session.Id, serviceIdentifier, channelTypeCode, customerChannelIdentifier, channelData, inactivityTimeout, direction));
        State.Sessions.Add(session);
        StateChanged = true;
        var data = new Dictionary<string, string> { ["channelType"] = channelTypeCode };
        if (direction == SessionDirection.Outbound)
        {
            data["direction"] = nameof(SessionDirection.Outbound);
        }

        var (from, participant) = direction == SessionDirection.Inbound ? (ParticipantRole.Customer, State.CustomerId) : (ParticipantRole.Bot, BotId);
        Record(ActivityKind.SessionOpened, from, participant, session.Id, null, serviceIdentifier, data: data);
        return session;
    }

    private void React(ControllerSignal signal) => Execute(ControllerPolicy.React(signal, State.Settings));

    private void Execute(IReadOnlyList<ControllerIntent> intents)
    {
        foreach (var intent in intents)
        {
            switch (intent)
            {
                case ControllerIntent.SendToCustomer send:
                    Record(ActivityKind.BotMessage, ParticipantRole.Bot, BotId, send.ChannelSessionId, send.Text);
                    break;
                case ControllerIntent.CloseChannelSession close:
                    CloseSession(close.ChannelSessionId, close.Reason);
                    break;
                case ControllerIntent.RequestAgent:
                    RequestAgent();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown controller intent {intent}.");
            }
        }
    }

    /// <summary>
    /// A task on the session the customer is answered on. One at a time: the controller asks only while no
    /// agent is engaged (see <see cref="ReceiveCustomerMessage"/>) or after the last one left.
    /// </summary>
    private void RequestAgent(ReplyOwner? owner = null)
    {
        if (ReplySessions().FirstOrDefault() is not { } session)
        {
            return;
        }

        State.OpenTaskId = ids.NewAgentTaskId();
        StateChanged = true;
        _effects.Enqueue(new ConversationEffect.RequestAgent(State.OpenTaskId, session.Id, session.ServiceIdentifier, owner));
    }

    private void CloseSession(string channelSessionId, SessionCloseReason reason)
    {
        if (Session(channelSessionId) is not { IsOpen: true } session)
        {
            return;
        }

        _effects.Enqueue(new ConversationEffect.CloseSession(channelSessionId, reason));
        Replace(session, session with { IsOpen = false });
        Record(ActivityKind.SessionClosed, ParticipantRole.System, null, channelSessionId, null, session.ServiceIdentifier,
            data: new Dictionary<string, string> { ["reason"] = reason.ToString() });
        if (State.Sessions.Any(s => s.IsOpen))
        {
            return;
        }

        State.CloseReason = reason;
        Apply(ConversationEvent.AllCustomerSessionsClosed);
        if (State.OpenTaskId is { } taskId)
        {
            // Abandoned if nobody answered yet; otherwise the agent's task moves to wrap-up or ends.
            _effects.Enqueue(new ConversationEffect.EndTaskForCustomerLeft(taskId));
        }
    }

    /// <summary>The agent leaves; when the last one left, the state machine and then the controller decide what follows.</summary>
    private void RemoveAgent(string agentId)
    {
        MarkLeft(agentId, null);
        if (AgentsPresent.Any())
        {
            return;
        }

        State.OpenTaskId = null;
        Apply(ConversationEvent.AllAgentsLeft);
        if (State.Status == ConversationStatus.Inactive)
        {
            React(new ControllerSignal.LastAgentLeft([.. ReplySessions().Select(s => s.Id)]));
        }
    }

    private void MarkLeft(string agentId, Dictionary<string, string>? data)
    {
        var participant = State.Participants.First(p => p is { Role: ParticipantRole.Agent, LeftAt: null } && p.Id == agentId);
        State.Participants[State.Participants.IndexOf(participant)] = participant with { LeftAt = _at };
        StateChanged = true;
        Record(ActivityKind.ParticipantLeft, ParticipantRole.Agent, agentId, null, null, data: data);
    }

    /// <summary>
    /// The open sessions in the order the customer is answered on them: where the customer wrote last, then
    /// the most recently opened.
    /// </summary>
    private IEnumerable<SessionRef> ReplySessions() =>
        State.Sessions.Where(s => s.IsOpen).Reverse().OrderByDescending(s => s.Id == State.LastActiveSessionId);

    private void Apply(ConversationEvent @event)
    {
        var result = ConversationStateMachine.Apply(State.Status, @event, Facts);
        if (!result.Accepted)
        {
            throw DomainException.Conflict(result.Rejection!);
        }

        foreach (var status in result.Path)
        {
            State.Status = status;
            State.History.Add(new StateChange(status, _at, @event));
            Record(ActivityKind.StateChanged, ParticipantRole.System, null, null, null, data: StateData(status));
            StateChanged = true;
        }
    }

    private ConversationFacts Facts => new(State.WrapUpConfigured);

    private bool IsPresent(string agentId) => AgentsPresent.Contains(agentId);

    private void Replace(SessionRef session, SessionRef with)
    {
        State.Sessions[State.Sessions.IndexOf(session)] = with;
        StateChanged = true;
    }

    private void RequireStarted()
    {
        if (!IsStarted)
        {
            throw DomainException.NotFound($"No conversation {id}.");
        }
    }

    private ConversationActivity Record(
        ActivityKind kind,
        ParticipantRole from,
        string? participantId,
        string? channelSessionId,
        string? text,
        string? serviceIdentifier = null,
        string? connectorMessageId = null,
        string? sender = null,
        IReadOnlyDictionary<string, string>? data = null,
        IReadOnlyList<MessageAttachment>? attachments = null)
    {
        var activity = new ConversationActivity(
            ++_lastSequence, kind, from, participantId, channelSessionId, text, _at, serviceIdentifier, connectorMessageId, sender, data,
            attachments is { Count: > 0 } ? attachments : null);
        _activities.Add(activity);
        return activity;
    }

    private static Dictionary<string, string> StateData(ConversationStatus status) => new() { ["state"] = status.ToString() };
}
