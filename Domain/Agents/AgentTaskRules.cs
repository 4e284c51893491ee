using Conversations.Agents;
using Conversations.Channels;
using static Conversations.Agents.AgentTaskStatus;

namespace Conversations.Domain;

/// <summary>
/// One agent task's decisions on top of <see cref="AgentTaskStateMachine"/>: who may act on it, what each
/// step stamps, the offer and wrap-up deadlines, when it goes back to or off its queue, why it ends, and
/// which agent hears of a change it did not make itself.
/// </summary>
public static class AgentTaskRules
{
    public const int MaxWrapUpCodes = 20;
    public const int MaxWrapUpCodeLength = 64;
    public const int MaxWrapUpNotesLength = 4000;

    /// <summary>The deadline rule: an offer or wrap-up is over from its deadline on, whether or not a timer noticed.</summary>
    public static bool IsOverdue(AgentTask? task, DateTimeOffset now) => task?.Deadline is { } deadline && now >= deadline;

    public static AgentTaskDecision Decide(string id, AgentTask? task, AgentTaskSignal signal, DateTimeOffset now) => signal switch
    {
        AgentTaskSignal.Create create => task is null ? new(Created(id, create.Spec, now), true) : new(task, false),
        AgentTaskSignal.Offer offer => Offer(Existing(id, task), offer.AgentId, now),
        AgentTaskSignal.Accept accept => Accept(HeldBy(id, task, accept.AgentId), now),
        AgentTaskSignal.Reject reject => Requeue(HeldBy(id, task, reject.AgentId), AgentTaskEvent.Reject, now),
        AgentTaskSignal.Pull pull => Pull(Existing(id, task), pull.AgentId, now),
        AgentTaskSignal.Reassign reassign => Reassign(Existing(id, task), reassign.AgentId, reassign.By, now),
        AgentTaskSignal.AgentLeft left => MoveOn(HeldBy(id, task, left.AgentId), AgentTaskEvent.AgentLeft, now),
        AgentTaskSignal.CustomerLeft => CustomerLeft(Existing(id, task), now),
        AgentTaskSignal.SubmitWrapUp submit => SubmitWrapUp(HeldBy(id, task, submit.AgentId), submit.Codes, submit.Notes, now),
        AgentTaskSignal.DeadlineDue => DeadlineDue(task, now),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown agent task signal."),
    };

    /// <summary>Where wrap-up codes are configured, agents choose among them; where none are, they write their own.</summary>
    public static void RequireConfigured(IReadOnlyList<string> codes, IReadOnlyList<string> configured)
    {
        var unknown = configured.Count == 0 ? null : codes.FirstOrDefault(code => !configured.Contains(code, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw DomainException.Invalid($"'{unknown}' is not a configured wrap-up code ({string.Join(", ", configured)}).");
        }
    }

    public static void ValidateWrapUp(IReadOnlyList<string> codes, string? notes)
    {
        if (codes.Count > MaxWrapUpCodes)
        {
            throw DomainException.Invalid($"Up to {MaxWrapUpCodes} wrap-up codes.");
        }

        foreach (var code in codes)
        {
            TextRules.RequireLine(code, "wrap-up code", MaxWrapUpCodeLength);
        }

        TextRules.OptionalText(notes, "text of the wrap-up notes", MaxWrapUpNotesLength);
    }

    /// <summary>
    /// A task changes hands while it waits on its queue or list, is offered, or is worked (a transfer); not in wrap-up
    /// or once over. Checked before the named agent's room, so a refusal names the task's state first.
    /// </summary>
    public static void RequireReassignable(string id, AgentTaskStatus state, string? holderId, string agentId)
    {
        if (state is not (Queued or Offered or Active))
        {
            throw DomainException.Conflict($"Only a waiting, offered or active task can be reassigned; task {id} is {state}.");
        }

        if (state is Offered or Active && holderId == agentId)
        {
            throw DomainException.Conflict($"Task {id} is already {(state == Offered ? "offered to" : "worked by")} agent {agentId}.");
        }
    }

    private static AgentTask Created(string id, AgentTaskSpec spec, DateTimeOffset now) =>
        new(id, spec, Queued, null, now, null, null, null, null, [], null, null, [new AgentTaskStateChange(Queued, now, null)], null);

    /// <summary>An offer runs against the channel's offer timeout; the first offer's time is the one reported.</summary>
    private static AgentTaskDecision Offer(AgentTask task, string agentId, DateTimeOffset now)
    {
        if (!Allows(task, AgentTaskEvent.Offer))
        {
            return new(task, false);
        }

        return OfferTo(task, AgentTaskEvent.Offer, agentId, null, now);
    }

    /// <summary>
    /// Offered to the named agent as a router would offer it, taken back from whoever it was offered to (not
    /// their rejection: they stay ready and may be offered it again) or worked by (a transfer: that agent leaves
    /// the conversation, without wrap-up). The caller takes it off its queue or list.
    /// </summary>
    private static AgentTaskDecision Reassign(AgentTask task, string agentId, string by, DateTimeOffset now)
    {
        RequireReassignable(task.Id, task.State, task.AgentId, agentId);
        return OfferTo(task, AgentTaskEvent.Reassign, agentId, by, now) with { WithdrawFrom = task.State is Offered or Active ? task.AgentId : null };
    }

    private static AgentTaskDecision OfferTo(AgentTask task, AgentTaskEvent @event, string agentId, string? by, DateTimeOffset now)
    {
        var deadline = now + task.Spec.OfferTimeout;
        var offered = Apply(task, @event, agentId, now, by) with { AgentId = agentId, OfferedAt = task.OfferedAt ?? now, Deadline = deadline };
        return new(offered, true, Deadline: new TaskDeadline.Started(deadline, task.Spec.OfferTimeout), TellAgent: agentId);
    }

    private static AgentTaskDecision Accept(AgentTask task, DateTimeOffset now) => new(
        Apply(task, AgentTaskEvent.Accept, task.AgentId, now) with { AnsweredAt = now, Deadline = null },
        true,
        Deadline: new TaskDeadline.Stopped(),
        Queue: new TaskQueueChange.Dequeue());

    /// <summary>A rejected or unanswered offer goes back to the router; only an unanswered one is news to the agent.</summary>
    private static AgentTaskDecision Requeue(AgentTask task, AgentTaskEvent @event, DateTimeOffset now) => new(
        Apply(task, @event, task.AgentId, now) with { AgentId = null, Deadline = null },
        true,
        Deadline: new TaskDeadline.Stopped(),
        Queue: new TaskQueueChange.Requeue(task.Queued, task.AgentId!),
        TellAgent: @event == AgentTaskEvent.OfferTimeout ? task.AgentId : null);

    private static AgentTaskDecision Pull(AgentTask task, string agentId, DateTimeOffset now)
    {
        if (task.State != Queued || task.Spec.RoutingMode != RoutingMode.Pull)
        {
            throw DomainException.Conflict($"Task {task.Id} is no longer waiting to be pulled.");
        }

        return new(Apply(task, AgentTaskEvent.Pull, agentId, now) with { AgentId = agentId, AnsweredAt = now }, true, Queue: new TaskQueueChange.Dequeue());
    }

    /// <summary>A customer who leaves before anyone answered abandons the task; an agent's task moves on as if the agent left.</summary>
    private static AgentTaskDecision CustomerLeft(AgentTask task, DateTimeOffset now) => task.State switch
    {
        Queued or Offered => Finish(Apply(task, AgentTaskEvent.Abandon, null, now), AgentTaskEvent.Abandon, now) with
        {
            Queue = new TaskQueueChange.Dequeue(),
            TellAgent = task.State == Offered ? task.AgentId : null,
        },
        Active => MoveOn(task, AgentTaskEvent.CustomerLeft, now) with { TellAgent = task.AgentId },
        _ => new(task, false),
    };

    private static AgentTaskDecision SubmitWrapUp(AgentTask task, IReadOnlyList<string> codes, string? notes, DateTimeOffset now)
    {
        ValidateWrapUp(codes, notes);
        return MoveOn(task with { WrapUpCodes = [.. codes], WrapUpNotes = notes }, AgentTaskEvent.SubmitWrapUp, now);
    }

    private static AgentTaskDecision DeadlineDue(AgentTask? task, DateTimeOffset now)
    {
        if (task?.Deadline is not { } deadline)
        {
            return new(task, false, Deadline: new TaskDeadline.Stopped());
        }

        if (!IsOverdue(task, now))
        {
            return new(task, false, Deadline: new TaskDeadline.NotYetDue(deadline));
        }

        return task.State switch
        {
            Offered => Requeue(task, AgentTaskEvent.OfferTimeout, now),
            WrapUp => MoveOn(task, AgentTaskEvent.WrapUpTimeout, now) with { TellAgent = task.AgentId },
            _ => new(task, false),
        };
    }

    /// <summary>Applies an event that may start wrap-up (against the channel's wrap-up timeout) or finish the task.</summary>
    private static AgentTaskDecision MoveOn(AgentTask task, AgentTaskEvent @event, DateTimeOffset now)
    {
        var moved = Apply(task, @event, task.AgentId, now);
        if (moved.State == WrapUp && task.State != WrapUp)
        {
            var length = task.Spec.WrapUpTimeout!.Value;
            return new(moved with { WrapUpStartedAt = now, Deadline = now + length }, true, Deadline: new TaskDeadline.Started(now + length, length));
        }

        return AgentTaskStateMachine.IsFinished(moved.State) ? Finish(moved, @event, now) : new(moved, !ReferenceEquals(moved, task));
    }

    private static AgentTaskDecision Finish(AgentTask task, AgentTaskEvent finishing, DateTimeOffset now) => new(
        task with { EndedAt = now, EndReason = AgentTaskStateMachine.EndReason(finishing), Deadline = null },
        true,
        Finished: true,
        Deadline: new TaskDeadline.Stopped());

    private static bool Allows(AgentTask task, AgentTaskEvent @event) =>
        AgentTaskStateMachine.Apply(task.State, @event, task.Spec.WrapUpTimeout is not null).Accepted;

    /// <summary>The task after the event, each state passed through recorded; the same task when the event changes nothing.</summary>
    private static AgentTask Apply(AgentTask task, AgentTaskEvent @event, string? agentId, DateTimeOffset now, string? by = null)
    {
        var result = AgentTaskStateMachine.Apply(task.State, @event, task.Spec.WrapUpTimeout is not null);
        if (!result.Accepted)
        {
            throw DomainException.Conflict($"Task {task.Id}: {result.Rejection}");
        }

        return result.Path.Count == 0
            ? task
            : task with { State = result.State, History = [.. task.History, .. result.Path.Select(state => new AgentTaskStateChange(state, now, agentId, by))] };
    }

    private static AgentTask Existing(string id, AgentTask? task) => task ?? throw DomainException.NotFound($"No agent task {id}.");

    private static AgentTask HeldBy(string id, AgentTask? task, string agentId) =>
        task is { } held && held.AgentId == agentId ? held : throw DomainException.Conflict($"Task {id} is not held by agent {agentId}.");
}
