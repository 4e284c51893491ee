using Conversations.Agents;
using Conversations.Channels;
using Conversations.Domain;
using static Conversations.Agents.AgentTaskStatus;
using static Conversations.Domain.AgentTaskSignal;

namespace Conversations.UnitTests.Domain;

/// <summary>
/// The agent task's decisions. Task t1 was queued at second 0, offered to alice at 10 (deadline 40), answered
/// at 20, wrapped up from 30 (deadline 150); offers run 30 s, wrap-up 120 s; signals arrive at second 60.
/// </summary>
public sealed class AgentTaskRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = At(60);

    /// <summary>
    /// Every signal in every task state that matters to it: the task afterwards (see <see cref="Describe"/>),
    /// whether it changed, and the effects (see <see cref="Effects"/>).
    /// </summary>
    public static TheoryData<string, AgentTask?, AgentTaskSignal, string, bool, string> Signals() => new()
    {
        { "created", null, new Create(Spec()), "Queued - | Queued@60", true, "" },
        { "created again", Queued(), new Create(Spec()), "Queued - | Queued@0", false, "" },
        { "created again once closed", Closed(), new Create(Spec()), Describe(Closed()), false, "" },

        { "offered", Queued(), new Offer("bob"), "Offered bob | offered 60, deadline 90 | Queued@0 Offered@60/bob", true, "deadline 90 (30 s); tell bob" },
        { "offered again after a decline", Declined(), new Offer("bob"), "Offered bob | offered 10, deadline 90 | Queued@0 Offered@10/alice Rejected@20/alice Queued@20/alice Offered@60/bob", true, "deadline 90 (30 s); tell bob" },
        { "offered while offered", Offered(), new Offer("bob"), Describe(Offered()), false, "" },
        { "offered while active", Active(), new Offer("bob"), Describe(Active()), false, "" },
        { "offered once abandoned", Abandoned(), new Offer("bob"), Describe(Abandoned()), false, "" },

        { "accepted", Offered(), new Accept("alice"), "Active alice | offered 10, answered 60 | Queued@0 Offered@10/alice Active@60/alice", true, "deadline stopped; dequeue" },
        { "rejected", Offered(), new Reject("alice"), "Queued - | offered 10 | Queued@0 Offered@10/alice Rejected@60/alice Queued@60/alice", true, "deadline stopped; requeue t1@0 without alice" },
        { "pulled", Queued(pull: true), new Pull("bob"), "Active bob | answered 60 | Queued@0 Active@60/bob", true, "dequeue" },

        { "reassigned while queued", Queued(), new Reassign("bob", "sue"), "Offered bob | offered 60, deadline 90 | Queued@0 Offered@60/bob by sue", true, "deadline 90 (30 s); tell bob" },
        { "reassigned while parked on a pull list", Queued(pull: true), new Reassign("bob", "sue"), "Offered bob | offered 60, deadline 90 | Queued@0 Offered@60/bob by sue", true, "deadline 90 (30 s); tell bob" },
        { "reassigned after a decline", Declined(), new Reassign("alice", "sue"), "Offered alice | offered 10, deadline 90 | Queued@0 Offered@10/alice Rejected@20/alice Queued@20/alice Offered@60/alice by sue", true, "deadline 90 (30 s); tell alice" },
        { "reassigned while offered to another", Offered(), new Reassign("bob", "sue"), "Offered bob | offered 10, deadline 90 | Queued@0 Offered@10/alice Offered@60/bob by sue", true, "deadline 90 (30 s); withdraw from alice; tell bob" },
        { "transferred while worked by another", Active(), new Reassign("bob", "sue"), "Offered bob | offered 10, answered 20, deadline 90 | Queued@0 Offered@10/alice Active@20/alice Offered@60/bob by sue", true, "deadline 90 (30 s); withdraw from alice; tell bob" },

        { "agent left, wrap-up", Active(), new AgentLeft("alice"), "WrapUp alice | offered 10, answered 20, wrap-up 60, deadline 180 | Queued@0 Offered@10/alice Active@20/alice WrapUp@60/alice", true, "deadline 180 (120 s)" },
        { "agent left, no wrap-up", Active(wrapUp: false), new AgentLeft("alice"), "Closed alice | offered 10, answered 20, ended 60, Completed | Queued@0 Offered@10/alice Active@20/alice Closed@60/alice", true, "report; deadline stopped" },
        { "agent left in wrap-up", WrapUp(), new AgentLeft("alice"), Describe(WrapUp()), false, "" },

        { "customer left a queued task", Queued(), new CustomerLeft(), "Abandoned - | ended 60, Abandoned | Queued@0 Abandoned@60", true, "report; deadline stopped; dequeue" },
        { "customer left an offered task", Offered(), new CustomerLeft(), "Abandoned alice | offered 10, ended 60, Abandoned | Queued@0 Offered@10/alice Abandoned@60", true, "report; deadline stopped; dequeue; tell alice" },
        { "customer left, wrap-up", Active(), new CustomerLeft(), "WrapUp alice | offered 10, answered 20, wrap-up 60, deadline 180 | Queued@0 Offered@10/alice Active@20/alice WrapUp@60/alice", true, "deadline 180 (120 s); tell alice" },
        { "customer left, no wrap-up", Active(wrapUp: false), new CustomerLeft(), "Closed alice | offered 10, answered 20, ended 60, CustomerLeft | Queued@0 Offered@10/alice Active@20/alice Closed@60/alice", true, "report; deadline stopped; tell alice" },
        { "customer left in wrap-up", WrapUp(), new CustomerLeft(), Describe(WrapUp()), false, "" },
        { "customer left once closed", Closed(), new CustomerLeft(), Describe(Closed()), false, "" },
        { "customer left once abandoned", Abandoned(), new CustomerLeft(), Describe(Abandoned()), false, "" },

        { "wrap-up submitted", WrapUp(), new SubmitWrapUp("alice", ["RESOLVED"], "Refund issued."), "Closed alice | offered 10, answered 20, wrap-up 30, ended 60, Completed, RESOLVED: Refund issued. | Queued@0 Offered@10/alice Active@20/alice WrapUp@30/alice Closed@60/alice", true, "report; deadline stopped" },

        { "deadline of a task never created", null, new DeadlineDue(), "none", false, "deadline stopped" },
        { "deadline with nothing to wait for", Active(), new DeadlineDue(), Describe(Active()), false, "deadline stopped" },
        { "offer deadline not yet due", Offered(deadline: 90), new DeadlineDue(), Describe(Offered(deadline: 90)), false, "deadline not yet due 90" },
        { "offer not answered in time", Offered(), new DeadlineDue(), "Queued - | offered 10 | Queued@0 Offered@10/alice TimedOut@60/alice Queued@60/alice", true, "deadline stopped; requeue t1@0 without alice; tell alice" },
        { "wrap-up deadline not yet due", WrapUp(), new DeadlineDue(), Describe(WrapUp()), false, "deadline not yet due 150" },
        { "wrap-up not submitted in time", WrapUp(deadline: 50), new DeadlineDue(), "Closed alice | offered 10, answered 20, wrap-up 30, ended 60, WrapUpTimeout | Queued@0 Offered@10/alice Active@20/alice WrapUp@30/alice Closed@60/alice", true, "report; deadline stopped; tell alice" },
    };

    [Theory]
    [MemberData(nameof(Signals))]
    public void Decide_SignalInTaskState_MovesTheTaskAndHasTheEffectsTheRulesSay(
        string situation, AgentTask? task, AgentTaskSignal signal, string expectedTask, bool expectedChanged, string expectedEffects)
    {
        var decision = AgentTaskRules.Decide("t1", task, signal, Now);

        Assert.True(expectedTask == Describe(decision.Task), $"{situation}: task is '{Describe(decision.Task)}'");
        Assert.True(expectedChanged == decision.Changed, $"{situation}: changed is {decision.Changed}");
        Assert.True(expectedEffects == Effects(decision), $"{situation}: effects are '{Effects(decision)}'");
    }

    public static TheoryData<string, AgentTask?, AgentTaskSignal, DomainErrorKind> Refusals() => new()
    {
        { "offer of a task never created", null, new Offer("bob"), DomainErrorKind.NotFound },
        { "accept of a task never created", null, new Accept("alice"), DomainErrorKind.Conflict },
        { "accept of another agent's offer", Offered("bob"), new Accept("alice"), DomainErrorKind.Conflict },
        { "accept while active", Active(), new Accept("alice"), DomainErrorKind.Conflict },
        { "reject of a queued task", Queued(), new Reject("alice"), DomainErrorKind.Conflict },
        { "reject while active", Active(), new Reject("alice"), DomainErrorKind.Conflict },
        { "pull of a task never created", null, new Pull("bob"), DomainErrorKind.NotFound },
        { "pull of a push task", Queued(), new Pull("bob"), DomainErrorKind.Conflict },
        { "pull of a task already pulled", Active(pull: true), new Pull("bob"), DomainErrorKind.Conflict },
        { "reassign of a task never created", null, new Reassign("bob", "sue"), DomainErrorKind.NotFound },
        { "reassign to the agent it is offered to", Offered(), new Reassign("alice", "sue"), DomainErrorKind.Conflict },
        { "reassign to the agent working it", Active(), new Reassign("alice", "sue"), DomainErrorKind.Conflict },
        { "reassign in wrap-up", WrapUp(), new Reassign("bob", "sue"), DomainErrorKind.Conflict },
        { "reassign once closed", Closed(), new Reassign("bob", "sue"), DomainErrorKind.Conflict },
        { "reassign once abandoned", Abandoned(), new Reassign("bob", "sue"), DomainErrorKind.Conflict },
        { "agent left an offer", Offered(), new AgentLeft("alice"), DomainErrorKind.Conflict },
        { "agent left a closed task", Closed(), new AgentLeft("alice"), DomainErrorKind.Conflict },
        { "customer left a task never created", null, new CustomerLeft(), DomainErrorKind.NotFound },
        { "wrap-up while active", Active(), new SubmitWrapUp("alice", ["RESOLVED"], null), DomainErrorKind.Conflict },
        { "wrap-up of another agent's task", WrapUp(), new SubmitWrapUp("bob", ["RESOLVED"], null), DomainErrorKind.Conflict },
        { "wrap-up with too many codes", WrapUp(), new SubmitWrapUp("alice", [.. Enumerable.Range(0, AgentTaskRules.MaxWrapUpCodes + 1).Select(i => $"c{i}")], null), DomainErrorKind.Invalid },
        { "wrap-up with a blank code", WrapUp(), new SubmitWrapUp("alice", [" "], null), DomainErrorKind.Invalid },
        { "wrap-up code with a control character", WrapUp(), new SubmitWrapUp("alice", ["RESOLVED\u0000"], null), DomainErrorKind.Invalid },
        { "wrap-up notes with a control character", WrapUp(), new SubmitWrapUp("alice", ["RESOLVED"], "refund\u0007"), DomainErrorKind.Invalid },
        { "wrap-up with long notes", WrapUp(), new SubmitWrapUp("alice", ["RESOLVED"], new string('n', AgentTaskRules.MaxWrapUpNotesLength + 1)), DomainErrorKind.Invalid },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Decide_SignalNotAllowed_IsRefused(string situation, AgentTask? task, AgentTaskSignal signal, DomainErrorKind expected) =>
        Assert.True(expected == Assert.Throws<DomainException>(() => AgentTaskRules.Decide("t1", task, signal, Now)).Kind, situation);

    public static TheoryData<string, string[], string[], bool> WrapUpCodeChoices() => new()
    {
        { "codes of the configured list", ["RESOLVED", "CALLBACK"], ["RESOLVED", "CALLBACK", "SPAM"], true },
        { "no code at all", [], ["RESOLVED"], true },
        { "a code not configured", ["RESOLVED", "WHATEVER"], ["RESOLVED", "CALLBACK"], false },
        { "configured codes are exact", ["resolved"], ["RESOLVED"], false },
        { "none configured: agents write their own", ["WHATEVER"], [], true },
    };

    [Theory]
    [MemberData(nameof(WrapUpCodeChoices))]
    public void RequireConfigured_CodesAgainstTheConfiguredList_PassOrAreInvalid(string situation, string[] codes, string[] configured, bool allowed) =>
        Assert.True(
            allowed == (Record.Exception(() => AgentTaskRules.RequireConfigured(codes, configured)) is null),
            $"{situation}: expected {(allowed ? "allowed" : "refused")}");

    private static AgentTaskSpec Spec(bool pull = false, bool wrapUp = true) => new(
        "conv-1", "cust-1", "svc-1", "WEB", pull ? RoutingMode.Pull : RoutingMode.Push, pull ? "list" : null,
        TimeSpan.FromSeconds(30), wrapUp ? TimeSpan.FromSeconds(120) : null);

    public static TheoryData<string, AgentTask, int, bool> Overdue() => new()
    {
        // the deadline rule for offers and wrap-up: over from the deadline on, whatever a timer did
        { "offer before its deadline", Offered(deadline: 40), 39, false },
        { "offer at its deadline", Offered(deadline: 40), 40, true },
        { "offer long past its deadline", Offered(deadline: 40), 4000, true },
        { "wrap-up before its deadline", WrapUp(deadline: 150), 149, false },
        { "wrap-up at its deadline", WrapUp(deadline: 150), 150, true },
        { "active task: no deadline", Active(), 4000, false },
        { "queued task: no deadline", Queued(), 4000, false },
    };

    [Theory]
    [MemberData(nameof(Overdue))]
    public void IsOverdue_AroundTheDeadline_OverFromTheDeadlineOn(string situation, AgentTask task, int second, bool overdue) =>
        Assert.True(overdue == AgentTaskRules.IsOverdue(task, At(second)), situation);

    private static AgentTask Queued(bool pull = false, bool wrapUp = true) =>
        new("t1", Spec(pull, wrapUp), AgentTaskStatus.Queued, null, T0, null, null, null, null, [], null, null, [new(AgentTaskStatus.Queued, T0, null)], null);

    private static AgentTask Offered(string agentId = "alice", int deadline = 40, bool wrapUp = true) =>
        Then(Queued(wrapUp: wrapUp), AgentTaskStatus.Offered, 10, agentId) with { AgentId = agentId, OfferedAt = At(10), Deadline = At(deadline) };

    private static AgentTask Declined() =>
        Then(Then(Offered(), Rejected, 20, "alice"), AgentTaskStatus.Queued, 20, "alice") with { AgentId = null, Deadline = null };

    private static AgentTask Active(bool wrapUp = true, bool pull = false) =>
        Then(Offered(wrapUp: wrapUp) with { Spec = Spec(pull, wrapUp) }, AgentTaskStatus.Active, 20, "alice") with { AnsweredAt = At(20), Deadline = null };

    private static AgentTask WrapUp(int deadline = 150) =>
        Then(Active(), AgentTaskStatus.WrapUp, 30, "alice") with { WrapUpStartedAt = At(30), Deadline = At(deadline) };

    private static AgentTask Closed() =>
        Then(WrapUp(), AgentTaskStatus.Closed, 40, "alice") with { EndedAt = At(40), EndReason = AgentTaskEndReason.Completed, Deadline = null };

    private static AgentTask Abandoned() =>
        Then(Queued(), AgentTaskStatus.Abandoned, 40, null) with { EndedAt = At(40), EndReason = AgentTaskEndReason.Abandoned };

    private static AgentTask Then(AgentTask task, AgentTaskStatus state, int second, string? agentId) =>
        task with { State = state, History = [.. task.History, new(state, At(second), agentId)] };

    private static DateTimeOffset At(int second) => T0.AddSeconds(second);

    private static string Second(DateTimeOffset at) => $"{(at - T0).TotalSeconds:0}";

    /// <summary>"Offered bob | offered 60, deadline 90 | Queued@0 Offered@60/bob by sue": state and holder, what is stamped, the history.</summary>
    private static string Describe(AgentTask? task) => task is null ? "none" : string.Join(" | ", new[]
    {
        $"{task.State} {task.AgentId ?? "-"}",
        string.Join(", ", new[]
        {
            task.OfferedAt is { } offered ? "offered " + Second(offered) : null,
            task.AnsweredAt is { } answered ? "answered " + Second(answered) : null,
            task.WrapUpStartedAt is { } wrapUp ? "wrap-up " + Second(wrapUp) : null,
            task.EndedAt is { } ended ? "ended " + Second(ended) : null,
            task.Deadline is { } deadline ? "deadline " + Second(deadline) : null,
            task.EndReason?.ToString(),
            task.WrapUpCodes.Count > 0 || task.WrapUpNotes is not null ? $"{string.Join(',', task.WrapUpCodes)}: {task.WrapUpNotes}" : null,
        }.OfType<string>()),
        string.Join(' ', task.History.Select(h => $"{h.State}@{Second(h.At)}{(h.AgentId is null ? "" : "/" + h.AgentId)}{(h.By is null ? "" : " by " + h.By)}")),
    }.Where(part => part.Length > 0));

    /// <summary>"report; deadline 90 (30 s); dequeue; requeue t1@0 without alice; withdraw from alice; tell bob", in the order the grain carries them out.</summary>
    private static string Effects(AgentTaskDecision decision) => string.Join("; ", new[]
    {
        decision.Finished ? "report" : null,
        decision.Deadline switch
        {
            TaskDeadline.Started started => $"deadline {Second(started.At)} ({started.Length.TotalSeconds:0} s)",
            TaskDeadline.Stopped => "deadline stopped",
            TaskDeadline.NotYetDue pending => "deadline not yet due " + Second(pending.At),
            _ => null,
        },
        decision.Queue switch
        {
            TaskQueueChange.Dequeue => "dequeue",
            TaskQueueChange.Requeue requeue => $"requeue {requeue.Task.TaskId}@{Second(requeue.Task.EnqueuedAt)} without {requeue.DeclinedBy}",
            _ => null,
        },
        decision.WithdrawFrom is { } previous ? "withdraw from " + previous : null,
        decision.TellAgent is { } agentId ? "tell " + agentId : null,
    }.OfType<string>());
}
