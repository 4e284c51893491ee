using Conversations.Agents;
using Conversations.Domain;
using static Conversations.Domain.RouterSignal;

namespace Conversations.UnitTests.Domain;

public sealed class RoutingPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    private static readonly QueuedTask T1 = Task("t1", enqueued: 1);
    private static readonly QueuedTask T2 = Task("t2", enqueued: 2);

    /// <summary>
    /// Every signal in every queue that matters to it: the queue afterwards (see <see cref="Describe"/>),
    /// whether it changed, and the offers made ("task>agent").
    /// </summary>
    public static TheoryData<string, RouterQueue, RouterSignal, string, bool, string[]> Signals() => new()
    {
        { "new task, nobody known", Queue(), new TaskEnqueued(T1), "waiting t1", true, [] },
        { "new task, an agent free", Queue(agents: [Alice()]), new TaskEnqueued(T1), "waiting t1; alice ready 1 r1", true, ["t1>alice"] },
        { "new task, the only agent full", Queue(agents: [Alice(free: 0)]), new TaskEnqueued(T1), "waiting t1; alice ready 0 r1", true, [] },
        { "new task, the only agent away", Queue(agents: [Alice(ready: false)]), new TaskEnqueued(T1), "waiting t1; alice away 1 r1", true, [] },
        { "new task behind a waiting one", Queue([T1]), new TaskEnqueued(T2), "waiting t1 t2", true, [] },
        { "task already waiting, nobody free", Queue([T1]), new TaskEnqueued(T1), "waiting t1", false, [] },
        { "task already waiting, agent free (a failed offer is retried)", Queue([T1], agents: [Alice()]), new TaskEnqueued(T1), "waiting t1; alice ready 1 r1", false, ["t1>alice"] },
        { "task already waiting, declined by the free agent", Queue([T1], [("t1", "alice")], [Alice()]), new TaskEnqueued(T1), "waiting t1; declined t1:alice; alice ready 1 r1", false, [] },

        { "returned by the only agent", Queue(agents: [Alice()]), new TaskReturned(T1, "alice"), "waiting t1; declined t1:alice; alice ready 1 r1", true, [] },
        { "returned, another agent free", Queue(agents: [Alice(), Bob()]), new TaskReturned(T1, "alice"), "waiting t1; declined t1:alice; alice ready 1 r1; bob ready 1 r1", true, ["t1>bob"] },
        { "returned by a second agent", Queue(declined: [("t1", "alice")], agents: [Alice(), Bob()]), new TaskReturned(T1, "bob"), "waiting t1; declined t1:alice,bob; alice ready 1 r1; bob ready 1 r1", true, [] },
        { "returned twice by the same agent", Queue([T1], [("t1", "alice")], [Alice()]), new TaskReturned(T1, "alice"), "waiting t1; declined t1:alice; alice ready 1 r1", false, [] },
        { "returned while another task waits", Queue([T2], agents: [Alice()]), new TaskReturned(T1, "alice"), "waiting t2 t1; declined t1:alice; alice ready 1 r1", true, ["t2>alice"] },

        { "removed while waiting", Queue([T1, T2]), new TaskRemoved("t1"), "waiting t2", true, [] },
        { "removed with its declines", Queue([T1], [("t1", "alice")]), new TaskRemoved("t1"), "", true, [] },
        { "removed after its offer, declines left", Queue(declined: [("t1", "alice")]), new TaskRemoved("t1"), "", true, [] },
        { "removed, unknown", Queue([T2]), new TaskRemoved("t1"), "waiting t2", false, [] },
        { "removed, another task retried", Queue([T1, T2], agents: [Alice()]), new TaskRemoved("t1"), "waiting t2; alice ready 1 r1", true, ["t2>alice"] },

        { "agent first seen ready", Queue([T1]), new AgentChanged(Alice()), "waiting t1; alice ready 1 r1", true, ["t1>alice"] },
        { "agent first seen away", Queue([T1]), new AgentChanged(Alice(ready: false)), "waiting t1; alice away 1 r1", true, [] },
        { "agent newer revision, more room", Queue([T1, T2], agents: [Alice()]), new AgentChanged(Alice(free: 2, revision: 2)), "waiting t1 t2; alice ready 2 r2", true, ["t1>alice", "t2>alice"] },
        { "agent newer revision, full", Queue([T1], agents: [Alice()]), new AgentChanged(Alice(free: 0, revision: 2)), "waiting t1; alice ready 0 r2", true, [] },
        { "agent same revision", Queue(agents: [Alice(free: 0)]), new AgentChanged(Alice(free: 3)), "alice ready 0 r1", false, [] },
        { "agent older revision", Queue(agents: [Alice(free: 0, revision: 5)]), new AgentChanged(Alice(free: 3, revision: 4)), "alice ready 0 r5", false, [] },
        { "agent back ready after declining", Queue([T1], [("t1", "alice")], [Alice(ready: false)]), new AgentChanged(Alice(revision: 2)), "waiting t1; alice ready 1 r2", true, ["t1>alice"] },
        { "agent back ready, others' declines kept", Queue([T1], [("t1", "alice"), ("t1", "bob")], [Alice(ready: false)]), new AgentChanged(Alice(revision: 2)), "waiting t1; declined t1:bob; alice ready 1 r2", true, ["t1>alice"] },
        { "agent still ready after declining", Queue([T1], [("t1", "alice")], [Alice(free: 0)]), new AgentChanged(Alice(revision: 2)), "waiting t1; declined t1:alice; alice ready 1 r2", true, [] },
        { "agent going away after declining", Queue([T1], [("t1", "alice")], [Alice()]), new AgentChanged(Alice(ready: false, revision: 2)), "waiting t1; declined t1:alice; alice away 1 r2", true, [] },
        { "agent back ready, stale revision", Queue([T1], [("t1", "alice")], [Alice(ready: false, revision: 3)]), new AgentChanged(Alice(revision: 2)), "waiting t1; declined t1:alice; alice away 1 r3", false, [] },
        { "agent first seen ready, declined before", Queue([T1], [("t1", "alice")]), new AgentChanged(Alice()), "waiting t1; alice ready 1 r1", true, ["t1>alice"] },

        { "offer made", Queue([T1, T2], agents: [Alice(free: 2)]), new OfferMade(new(T1, "alice")), "waiting t2; alice ready 1 r1", true, [] },
        { "offer made, last slot", Queue([T1], agents: [Alice()]), new OfferMade(new(T1, "alice")), "alice ready 0 r1", true, [] },
        { "offer made to an agent not known", Queue([T1]), new OfferMade(new(T1, "alice")), "", true, [] },
        { "reassigned while waiting", Queue([T1, T2], [("t1", "bob")], [Alice(free: 2)]), new TaskReassigned(new(T1, "alice")), "waiting t2; declined t1:bob; alice ready 1 r1", true, [] },
        { "reassigned while offered elsewhere (not waiting)", Queue([T2], agents: [Alice(free: 2)]), new TaskReassigned(new(T1, "alice")), "waiting t2; alice ready 1 r1", true, [] },
        { "reassigned to an agent the router does not know", Queue([T1]), new TaskReassigned(new(T1, "alice")), "", true, [] },
        { "offer refused: task no longer queued", Queue([T1], agents: [Alice()]), new OfferRefused(new(T1, "alice")), "alice ready 1 r1", true, [] },
        { "offer refused, task already gone", Queue(agents: [Alice()]), new OfferRefused(new(T1, "alice")), "alice ready 1 r1", false, [] },
        { "offer failed", Queue([T1], agents: [Alice()]), new OfferFailed(new(T1, "alice")), "waiting t1; alice ready 1 r1", false, [] },
    };

    [Theory]
    [MemberData(nameof(Signals))]
    public void Decide_SignalInQueue_ChangesTheQueueAndOffersAsTheRulesSay(
        string situation, RouterQueue queue, RouterSignal signal, string expectedQueue, bool expectedChanged, string[] expectedOffers)
    {
        var decision = RoutingPolicy.Decide(queue, signal);

        Assert.True(expectedQueue == Describe(decision.Queue), $"{situation}: queue is '{Describe(decision.Queue)}'");
        Assert.True(expectedChanged == decision.Changed, $"{situation}: changed is {decision.Changed}");
        Assert.Equal(expectedOffers, decision.Offers.Select(o => $"{o.Task.TaskId}>{o.AgentId}"));
    }

    [Fact]
    public void Decide_AnySignal_LeavesTheGivenQueueAsItWas()
    {
        var queue = Queue([T1], [("t1", "alice")], [Alice(ready: false), Bob()]);
        var before = Describe(queue);

        RoutingPolicy.Decide(queue, new AgentChanged(Alice(revision: 2)));
        RoutingPolicy.Decide(queue, new TaskRemoved("t1"));
        RoutingPolicy.Decide(queue, new OfferMade(new(T1, "bob")));

        Assert.Equal(before, Describe(queue));
    }

    [Fact]
    public void Decide_MoreTasksThanSlots_OffersOldestTasksFirstToLongestIdleAgents()
    {
        var queue = Queue([Task("t3", 3), T1, T2], agents: [Alice(idleFor: 10), Bob(idleFor: 30)]);

        var decision = RoutingPolicy.Decide(queue, new TaskRemoved("none"));

        Assert.Equal(["t1>bob", "t2>alice"], decision.Offers.Select(o => $"{o.Task.TaskId}>{o.AgentId}"));
    }

    [Fact]
    public void Decide_TaskDeclinedByTheOnlyAgent_WaitsWhileTheNextTaskIsOffered()
    {
        var decision = RoutingPolicy.Decide(Queue([T1], [("t1", "alice")], [Alice()]), new TaskEnqueued(T2));

        Assert.Equal(["t2>alice"], decision.Offers.Select(o => $"{o.Task.TaskId}>{o.AgentId}"));
    }

    [Fact]
    public void ChooseAgent_SeveralReady_PicksTheLongestIdle() =>
        Assert.Equal("alice", RoutingPolicy.ChooseAgent([Bob(idleFor: 5), Alice(idleFor: 30), Agent("carol", idleFor: 10)], Nobody));

    [Fact]
    public void ChooseAgent_LongestIdleHasNoFreeCapacityOrIsNotReady_PicksTheNext() =>
        Assert.Equal("bob", RoutingPolicy.ChooseAgent([Alice(idleFor: 30, free: 0), Agent("dave", idleFor: 20, ready: false), Bob(idleFor: 5)], Nobody));

    [Fact]
    public void ChooseAgent_AgentDeclinedTheTask_IsNotAskedAgain()
    {
        AgentAvailability[] agents = [Alice(idleFor: 30), Bob(idleFor: 5)];

        Assert.Equal("bob", RoutingPolicy.ChooseAgent(agents, new HashSet<string> { "alice" }));
        Assert.Null(RoutingPolicy.ChooseAgent(agents, new HashSet<string> { "alice", "bob" }));
    }

    [Fact]
    public void ChooseAgent_SameIdleTime_TieBrokenById() =>
        Assert.Equal("amy", RoutingPolicy.ChooseAgent([Agent("zoe", idleFor: 9), Agent("amy", idleFor: 9)], Nobody));

    [Fact]
    public void InArrivalOrder_SameArrival_TieBrokenById() =>
        Assert.Equal(["a", "b", "t1"], RoutingPolicy.InArrivalOrder([T1, Task("b", 0), Task("a", 0)]).Select(t => t.TaskId));

    /// <summary>"waiting t1 t2; declined t1:alice,bob; alice ready 1 r2; bob away 0 r1", empty parts left out.</summary>
    private static string Describe(RouterQueue queue) => string.Join("; ", new[]
    {
        queue.Waiting.Count == 0 ? null : "waiting " + string.Join(' ', queue.Waiting.Select(t => t.TaskId)),
        queue.Declined.Count == 0 ? null : "declined " + string.Join(' ', queue.Declined.OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => $"{d.Key}:{string.Join(',', d.Value.Order(StringComparer.Ordinal))}")),
    }.Concat(queue.Agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal)
        .Select(a => $"{a.AgentId} {(a.Ready ? "ready" : "away")} {a.FreeCapacity} r{a.Revision}"))
        .OfType<string>());

    private static RouterQueue Queue(QueuedTask[]? waiting = null, (string Task, string Agent)[]? declined = null, AgentAvailability[]? agents = null) => new(
        waiting ?? [],
        (declined ?? []).GroupBy(d => d.Task).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(d => d.Agent).ToHashSet()),
        (agents ?? []).ToDictionary(a => a.AgentId));

    private static AgentAvailability Alice(bool ready = true, int free = 1, long revision = 1, int idleFor = 30) => Agent("alice", idleFor, free, ready, revision);

    private static AgentAvailability Bob(bool ready = true, int free = 1, long revision = 1, int idleFor = 5) => Agent("bob", idleFor, free, ready, revision);

    private static AgentAvailability Agent(string id, int idleFor, int free = 1, bool ready = true, long revision = 1) =>
        new(id, ready, free, T0.AddMinutes(-idleFor), revision);

    private static QueuedTask Task(string id, int enqueued) => new(id, "conv-" + id, "WEB", T0.AddSeconds(enqueued));
}
