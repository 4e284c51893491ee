using Conversations.Agents;
using Conversations.Domain;
using static Conversations.Agents.AgentTaskStatus;
using static Conversations.Domain.AgentSignal;

namespace Conversations.UnitTests.Domain;

/// <summary>
/// The agent's availability model. Agents take one call or two chats (VOICE 1, WEB 2), were available
/// since minute 0 and told routers 3 revisions; signals arrive at minute 10.
/// </summary>
public sealed class AgentRulesDecideTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddMinutes(10);
    private static readonly AgentProfile Profile = new("Alice", new Dictionary<string, int> { ["VOICE"] = 1, ["WEB"] = 2 });

    /// <summary>
    /// Every signal in every agent state that matters to it: the agent afterwards (see <see cref="Describe(AgentSnapshot)"/>),
    /// whether it changed, the routers told, and the other effects.
    /// </summary>
    public static TheoryData<string, AgentSnapshot, AgentSignal, string, bool, string, string> Signals() => new()
    {
        { "new agent signs in", Unknown(), new SignIn(Profile), "Alice in NotReady @- r1 VOICE=1,WEB=2", true, "VOICE away 1 @- r1; WEB away 2 @- r1", "" },
        { "signed-out agent signs in again", Out(), new SignIn(Profile), "Alice in NotReady @0 r3 VOICE=1,WEB=2", true, "", "" },
        { "ready agent signs in again, same profile", Ready(), new SignIn(Profile), "Alice in Ready @0 r3 VOICE=1,WEB=2", false, "", "" },
        { "ready agent signs in again, new name", Ready(), new SignIn(Profile with { Name = "Alicia" }), "Alicia in Ready @0 r3 VOICE=1,WEB=2", true, "", "" },
        { "ready agent drops a channel type", Ready(), new SignIn(Profile with { Capacity = new Dictionary<string, int> { ["WEB"] = 2 } }), "Alice in Ready @0 r4 WEB=2", true, "VOICE ready 0 @0 r4", "" },
        { "agent with a chat takes more chats", Ready(Web("t1", Active)), new SignIn(Profile with { Capacity = new Dictionary<string, int> { ["VOICE"] = 1, ["WEB"] = 4 } }), "Alice in Ready @0 r4 VOICE=1,WEB=4 t1=WEB/Active", true, "WEB ready 3 @0 r4", "" },

        { "ready agent signs out", Ready(), new SignOut(), "Alice out NotReady @0 r4 VOICE=1,WEB=2", true, "VOICE away 1 @0 r4; WEB away 2 @0 r4", "" },
        { "not ready agent signs out", Away(), new SignOut(), "Alice out NotReady @0 r3 VOICE=1,WEB=2", true, "", "" },
        { "signed-out agent signs out", Out(), new SignOut(), "Alice out NotReady @0 r3 VOICE=1,WEB=2", false, "", "" },

        { "not ready agent gets ready", Away(), new SetPresence(AgentPresence.Ready), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "" },
        { "ready agent gets not ready", Ready(), new SetPresence(AgentPresence.NotReady), "Alice in NotReady @0 r4 VOICE=1,WEB=2", true, "VOICE away 1 @0 r4; WEB away 2 @0 r4", "" },
        { "ready agent gets ready", Ready(), new SetPresence(AgentPresence.Ready), "Alice in Ready @0 r3 VOICE=1,WEB=2", false, "", "" },
        { "full agent gets not ready", Ready(Web("t1", Active), Web("t2", Active)), new SetPresence(AgentPresence.NotReady), "Alice in NotReady @0 r4 VOICE=1,WEB=2 t1=WEB/Active t2=WEB/Active", true, "VOICE away 0 @0 r4; WEB away 0 @0 r4", "" },

        { "accepts an offer", Ready(Web("t1", Offered)), new TaskActed(Web("t1", Active), "alice"), "Alice in Ready @0 r3 VOICE=1,WEB=2 t1=WEB/Active", true, "", "desk TaskChanged" },
        { "rejects an offer (stays ready)", Ready(Web("t1", Offered)), new TaskActed(Web("t1", Queued), null), "Alice in Ready @0 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @0 r4; WEB ready 2 @0 r4", "desk TaskChanged" },
        { "pulls a task", Ready(), new TaskActed(Web("t1", Active), "alice"), "Alice in Ready @0 r4 VOICE=1,WEB=2 t1=WEB/Active", true, "VOICE ready 0 @0 r4; WEB ready 1 @0 r4", "desk TaskChanged" },
        { "pulls a task while not ready", Away(), new TaskActed(Web("t1", Active), "alice"), "Alice in NotReady @0 r4 VOICE=1,WEB=2 t1=WEB/Active", true, "VOICE away 0 @0 r4; WEB away 1 @0 r4", "desk TaskChanged" },
        { "leaves into wrap-up", Ready(Web("t1", Active)), new TaskActed(Web("t1", WrapUp), "alice"), "Alice in Ready @0 r3 VOICE=1,WEB=2 t1=WEB/WrapUp", true, "", "desk TaskChanged" },
        { "leaves, task closed", Ready(Web("t1", Active)), new TaskActed(Web("t1", Closed), "alice"), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "desk TaskChanged" },
        { "submits wrap-up", Ready(Web("t1", WrapUp)), new TaskActed(Web("t1", Closed), "alice"), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "desk TaskChanged" },
        { "ends a call, chats still in hand", Ready(Voice("t9", Active)), new TaskActed(Voice("t9", Closed), "alice"), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "desk TaskChanged" },

        { "offered, room for it", Ready(), new TaskChanged(Web("t1", Offered), "alice"), "Alice in Ready @0 r4 VOICE=1,WEB=2 t1=WEB/Offered", true, "VOICE ready 0 @0 r4; WEB ready 1 @0 r4", "desk Offer" },
        { "offered a second chat", Ready(Web("t1", Active)), new TaskChanged(Web("t2", Offered), "alice"), "Alice in Ready @0 r4 VOICE=1,WEB=2 t1=WEB/Active t2=WEB/Offered", true, "WEB ready 0 @0 r4", "desk Offer" },
        { "offered, full", Ready(Web("t1", Active), Web("t2", Active)), new TaskChanged(Web("t3", Offered), "alice"), "Alice in Ready @0 r4 VOICE=1,WEB=2 t1=WEB/Active t2=WEB/Active", true, "WEB ready 0 @0 r4", "hand back" },
        { "offered, not ready", Away(), new TaskChanged(Web("t1", Offered), "alice"), "Alice in NotReady @0 r4 VOICE=1,WEB=2", true, "WEB away 2 @0 r4", "hand back" },
        { "offered, signed out", Out(), new TaskChanged(Web("t1", Offered), "alice"), "Alice out NotReady @0 r4 VOICE=1,WEB=2", true, "WEB away 2 @0 r4", "hand back" },
        { "offered a call, a chat in hand", Ready(Web("t1", Active)), new TaskChanged(Voice("t9", Offered), "alice"), "Alice in Ready @0 r4 VOICE=1,WEB=2 t1=WEB/Active", true, "VOICE ready 0 @0 r4", "hand back" },
        { "offered a type no longer taken", Ready(), new TaskChanged(new("t1", "conv-t1", "SMS", Offered), "alice"), "Alice in Ready @0 r4 VOICE=1,WEB=2", true, "SMS ready 0 @0 r4", "hand back" },
        { "offer told twice, full", Ready(Web("t1", Offered), Web("t2", Active)), new TaskChanged(Web("t1", Offered), "alice"), "Alice in Ready @0 r3 VOICE=1,WEB=2 t1=WEB/Offered t2=WEB/Active", false, "", "desk Offer" },
        { "offer timed out", Ready(Web("t1", Offered)), new TaskChanged(Web("t1", Queued), null), "Alice in NotReady @0 r4 VOICE=1,WEB=2", true, "VOICE away 1 @0 r4; WEB away 2 @0 r4", "desk OfferWithdrawn" },
        { "offer timed out, already not ready", Away(Web("t1", Offered)), new TaskChanged(Web("t1", Queued), null), "Alice in NotReady @0 r4 VOICE=1,WEB=2", true, "VOICE away 1 @0 r4; WEB away 2 @0 r4", "desk OfferWithdrawn" },
        { "task in hand transferred to another agent", Ready(Web("t1", Active)), new TaskChanged(Web("t1", Offered), "bob", Reassigned: true), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "desk TaskChanged" },
        { "offer reassigned to another agent (not a rejection: stays ready)", Ready(Web("t1", Offered)), new TaskChanged(Web("t1", Offered), "bob", Reassigned: true), "Alice in Ready @0 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @0 r4; WEB ready 2 @0 r4", "desk OfferWithdrawn" },
        { "reassigned to, not ready", Away(), new TaskChanged(Web("t1", Offered), "alice", Reassigned: true), "Alice in NotReady @0 r4 VOICE=1,WEB=2 t1=WEB/Offered", true, "VOICE away 0 @0 r4; WEB away 1 @0 r4", "desk Offer" },
        { "reassigned to, full", Ready(Web("t1", Active), Web("t2", Active)), new TaskChanged(Web("t3", Offered), "alice", Reassigned: true), "Alice in Ready @0 r4 VOICE=1,WEB=2 t1=WEB/Active t2=WEB/Active", true, "WEB ready 0 @0 r4", "hand back" },
        { "reassigned to, signed out", Out(), new TaskChanged(Web("t1", Offered), "alice", Reassigned: true), "Alice out NotReady @0 r4 VOICE=1,WEB=2", true, "WEB away 2 @0 r4", "hand back" },
        { "offer abandoned by the customer", Ready(Web("t1", Offered)), new TaskChanged(Web("t1", Abandoned), "alice"), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "desk OfferWithdrawn" },
        { "customer left, wrap-up", Ready(Web("t1", Active)), new TaskChanged(Web("t1", WrapUp), "alice"), "Alice in Ready @0 r3 VOICE=1,WEB=2 t1=WEB/WrapUp", true, "", "desk TaskChanged" },
        { "customer left, no wrap-up (the conversation took the agent out)", Ready(Web("t1", Active)), new TaskChanged(Web("t1", Closed), "alice", AgentTaskEndReason.CustomerLeft), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "desk TaskChanged" },
        { "task ended otherwise while active", Ready(Web("t1", Active)), new TaskChanged(Web("t1", Closed), "alice", AgentTaskEndReason.Abandoned), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "desk TaskChanged; left conversation" },
        { "wrap-up ran out", Ready(Web("t1", WrapUp)), new TaskChanged(Web("t1", Closed), "alice"), "Alice in Ready @10 r4 VOICE=1,WEB=2", true, "VOICE ready 1 @10 r4; WEB ready 2 @10 r4", "desk TaskChanged; left conversation" },
        { "wrap-up ran out, not ready", Away(Web("t1", WrapUp)), new TaskChanged(Web("t1", Closed), "alice"), "Alice in NotReady @10 r4 VOICE=1,WEB=2", true, "VOICE away 1 @10 r4; WEB away 2 @10 r4", "desk TaskChanged; left conversation" },
        { "task told again as it is", Ready(Web("t1", Active)), new TaskChanged(Web("t1", Active), "alice"), "Alice in Ready @0 r3 VOICE=1,WEB=2 t1=WEB/Active", false, "", "desk TaskChanged" },
        { "late notice of a task already ended", Ready(), new TaskChanged(Web("t1", Closed), "alice"), "Alice in Ready @0 r3 VOICE=1,WEB=2", false, "", "desk TaskChanged" },
        { "another agent's task", Ready(), new TaskChanged(Web("t1", Offered), "bob"), "Alice in Ready @0 r3 VOICE=1,WEB=2", false, "", "" },
    };

    [Theory]
    [MemberData(nameof(Signals))]
    public void Decide_SignalInAgentState_ChangesTheAgentAndTellsWhomTheRulesSay(
        string situation, AgentSnapshot agent, AgentSignal signal, string expectedAgent, bool expectedChanged, string expectedRouters, string expectedEffects)
    {
        var decision = AgentRules.Decide(agent, signal, Now);

        Assert.True(expectedAgent == Describe(decision.Agent), $"{situation}: agent is '{Describe(decision.Agent)}'");
        Assert.True(expectedChanged == decision.Changed, $"{situation}: changed is {decision.Changed}");
        Assert.True(expectedRouters == Describe(decision.TellRouters), $"{situation}: routers told '{Describe(decision.TellRouters)}'");
        Assert.True(expectedEffects == Effects(decision), $"{situation}: effects are '{Effects(decision)}'");
    }

    public static TheoryData<string, AgentSnapshot, AgentSignal, DomainErrorKind> Refusals() => new()
    {
        { "sign in without a name", Unknown(), new SignIn(Profile with { Name = " " }), DomainErrorKind.Invalid },
        { "sign in with a bad id", Unknown("alice smith"), new SignIn(Profile), DomainErrorKind.Invalid },
        { "sign out with a task in hand", Ready(Web("t1", Active)), new SignOut(), DomainErrorKind.Conflict },
        { "ready with a reason", Away(), new SetPresence(AgentPresence.Ready, "Lunch"), DomainErrorKind.Invalid },
        { "break with a reason", Ready(), new SetPresence(AgentPresence.Break, "Lunch"), DomainErrorKind.Invalid },
        { "blank reason", Ready(), new SetPresence(AgentPresence.NotReady, " "), DomainErrorKind.Invalid },
        { "reason too long", Ready(), new SetPresence(AgentPresence.NotReady, new string('x', AgentRules.MaxReasonLength + 1)), DomainErrorKind.Invalid },
        { "presence not known", Ready(), new SetPresence((AgentPresence)7), DomainErrorKind.Invalid },
        { "sign out in wrap-up", Ready(Web("t1", WrapUp)), new SignOut(), DomainErrorKind.Conflict },
        { "presence while signed out", Out(), new SetPresence(AgentPresence.Ready), DomainErrorKind.Conflict },
        { "presence of a new agent", Unknown(), new SetPresence(AgentPresence.NotReady), DomainErrorKind.Conflict },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Decide_SignalNotAllowed_IsRefused(string situation, AgentSnapshot agent, AgentSignal signal, DomainErrorKind expected) =>
        Assert.True(expected == Assert.Throws<DomainException>(() => AgentRules.Decide(agent, signal, Now)).Kind, situation);

    /// <summary>The presence after a signal, with its reason and since when: "NotReady (Lunch) since @10".</summary>
    public static TheoryData<string, AgentSnapshot, AgentSignal, string, bool> Presences() => new()
    {
        { "not ready for a reason", Ready(), new SetPresence(AgentPresence.NotReady, "Lunch"), "NotReady (Lunch) since @10", true },
        { "the same reason again", Away() with { NotReadyReason = "Lunch" }, new SetPresence(AgentPresence.NotReady, "Lunch"), "NotReady (Lunch) since @0", false },
        { "another reason", Away() with { NotReadyReason = "Lunch" }, new SetPresence(AgentPresence.NotReady, "Meeting"), "NotReady (Meeting) since @10", true },
        { "goes on a break", Ready(), new SetPresence(AgentPresence.Break), "Break since @10", true },
        { "back from a break", Away() with { Presence = AgentPresence.Break }, new SetPresence(AgentPresence.Ready), "Ready since @10", true },
        { "an offer ran out unanswered", Ready(Web("t1", Offered)), new TaskChanged(Web("t1", Queued), null), "NotReady (Missed offer) since @10", true },
        { "signs out", Away() with { NotReadyReason = "Lunch" }, new SignOut(), "NotReady since @10", true },
        { "signs in again", Ready(), new SignIn(Profile), "Ready since @0", false },
        { "signs in afresh", Out() with { NotReadyReason = "Lunch" }, new SignIn(Profile), "NotReady since @10", true },
    };

    [Theory]
    [MemberData(nameof(Presences))]
    public void Decide_PresenceChanges_KeepTheReasonAndWhenThePresenceBegan(string situation, AgentSnapshot agent, AgentSignal signal, string expected, bool changed)
    {
        var decision = AgentRules.Decide(agent, signal, Now);
        var presence = $"{decision.Agent.Presence}{(decision.Agent.NotReadyReason is { } reason ? $" ({reason})" : "")} since {Minute(decision.Agent.PresenceSince)}";

        Assert.True(expected == presence, $"{situation}: presence is '{presence}'");
        Assert.True(changed == decision.Changed, $"{situation}: changed is {decision.Changed}");
    }

    [Fact]
    public void OffersToTurnDown_OffersPending_AreTheOffersOnly() =>
        Assert.Equal(["t1", "t3"], AgentRules.OffersToTurnDown(Ready(Web("t1", Offered), Voice("t3", Offered))));

    [Fact]
    public void OffersToTurnDown_TaskInHand_IsRefused() =>
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => AgentRules.OffersToTurnDown(Ready(Web("t1", Offered), Web("t2", Active)))).Kind);

    public static TheoryData<AgentSnapshot, string, AgentTaskStatus[], DomainErrorKind?> TaskRequirements() => new()
    {
        { Ready(Web("t1", Offered)), "t1", [Offered], null },
        { Ready(Web("t1", WrapUp)), "t1", [Active, WrapUp], null },
        { Ready(Web("t1", Active)), "t1", [Offered], DomainErrorKind.Conflict },
        { Ready(Web("t1", Active)), "t2", [Active], DomainErrorKind.NotFound },
        { Out(), "t1", [Active], DomainErrorKind.Conflict },
    };

    [Theory]
    [MemberData(nameof(TaskRequirements))]
    public void RequireTask_HeldOrNot_ReturnsItOrRefuses(AgentSnapshot agent, string taskId, AgentTaskStatus[] states, DomainErrorKind? expected)
    {
        var refusal = Record.Exception(() => Assert.Equal(taskId, AgentRules.RequireTask(agent, taskId, states).TaskId));

        Assert.Equal(expected, (refusal as DomainException)?.Kind);
    }

    public static TheoryData<AgentSnapshot, string, bool> Room() => new()
    {
        { Ready(), "WEB", true },
        { Away(Web("t1", Active)), "WEB", true },
        { Ready(Web("t1", Active), Web("t2", Offered)), "WEB", false },
        { Ready(Web("t1", Active)), "VOICE", false },
        { Ready(), "SMS", false },
    };

    [Theory]
    [MemberData(nameof(Room))]
    public void RequireRoomFor_FreeSlotOrNot_PassesOrConflicts(AgentSnapshot agent, string channelTypeCode, bool room) =>
        Assert.Equal(room ? null : DomainErrorKind.Conflict, (Record.Exception(() => AgentRules.RequireRoomFor(agent, channelTypeCode)) as DomainException)?.Kind);

    private static AgentSnapshot Unknown(string id = "alice") => new(id, null, false, AgentPresence.NotReady, new Dictionary<string, int>(), [], default, 0);

    private static AgentSnapshot Ready(params AgentTaskRef[] tasks) => Away(tasks) with { Presence = AgentPresence.Ready };

    private static AgentSnapshot Away(params AgentTaskRef[] tasks) => new("alice", "Alice", true, AgentPresence.NotReady, Profile.Capacity, tasks, T0, 3, PresenceSince: T0);

    private static AgentSnapshot Out() => Away() with { SignedIn = false };

    private static AgentTaskRef Web(string id, AgentTaskStatus state) => new(id, "conv-" + id, "WEB", state);

    private static AgentTaskRef Voice(string id, AgentTaskStatus state) => new(id, "conv-" + id, "VOICE", state);

    /// <summary>"Alice in Ready @0 r3 VOICE=1,WEB=2 t1=WEB/Active": since minute 0, revision 3, capacity, held tasks.</summary>
    private static string Describe(AgentSnapshot agent) => string.Join(' ', new[]
    {
        agent.Name ?? "-",
        agent.SignedIn ? "in" : "out",
        agent.Presence.ToString(),
        Minute(agent.AvailableSince),
        "r" + agent.Revision,
        string.Join(',', agent.Capacity.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")),
    }.Concat(agent.Tasks.Select(t => $"{t.TaskId}={t.ChannelTypeCode}/{t.State}")));

    /// <summary>"VOICE ready 1 @0 r4; WEB away 2 @0 r4": what each router is told.</summary>
    private static string Describe(IReadOnlyDictionary<string, AgentAvailability> routers) => string.Join("; ", routers
        .OrderBy(r => r.Key, StringComparer.Ordinal)
        .Select(r => $"{r.Key} {(r.Value.Ready ? "ready" : "away")} {r.Value.FreeCapacity} {Minute(r.Value.AvailableSince)} r{r.Value.Revision}"));

    private static string Effects(AgentDecision decision) => string.Join("; ", new[]
    {
        decision.HandBack ? "hand back" : null,
        decision.Desk is { } kind ? "desk " + kind : null,
        decision.LeftConversation ? "left conversation" : null,
    }.OfType<string>());

    private static string Minute(DateTimeOffset at) => at == default ? "@-" : $"@{(at - T0).TotalMinutes:0}";
}
