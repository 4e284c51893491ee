using Conversations.Agents;
using Conversations.Domain;

namespace Conversations.UnitTests.Domain;

public sealed class RoutingPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    [Fact]
    public void ChooseAgent_SeveralReady_PicksTheLongestIdle()
    {
        var agents = new[] { Agent("bob", idleFor: 5), Agent("alice", idleFor: 30), Agent("carol", idleFor: 10) };

        Assert.Equal("alice", RoutingPolicy.ChooseAgent(agents, Nobody));
    }

    [Fact]
    public void ChooseAgent_LongestIdleHasNoFreeCapacityOrIsNotReady_PicksTheNext()
    {
        var agents = new[] { Agent("alice", idleFor: 30, free: 0), Agent("dave", idleFor: 20, ready: false), Agent("bob", idleFor: 5) };

        Assert.Equal("bob", RoutingPolicy.ChooseAgent(agents, Nobody));
    }

    [Fact]
    public void ChooseAgent_AgentDeclinedTheTask_IsNotAskedAgain()
    {
        var agents = new[] { Agent("alice", idleFor: 30), Agent("bob", idleFor: 5) };

        Assert.Equal("bob", RoutingPolicy.ChooseAgent(agents, new HashSet<string> { "alice" }));
        Assert.Null(RoutingPolicy.ChooseAgent(agents, new HashSet<string> { "alice", "bob" }));
    }

    [Fact]
    public void ChooseAgent_SameIdleTime_TieBrokenById()
    {
        Assert.Equal("amy", RoutingPolicy.ChooseAgent([Agent("zoe", idleFor: 9), Agent("amy", idleFor: 9)], Nobody));
    }

    [Fact]
    public void Assign_MoreTasksThanSlots_OldestTasksFirstWithinCapacity()
    {
        var waiting = new[] { Task("t3", enqueued: 3), Task("t1", enqueued: 1), Task("t2", enqueued: 2) };
        var agents = new Dictionary<string, AgentAvailability> { ["alice"] = Agent("alice", idleFor: 10, free: 1), ["bob"] = Agent("bob", idleFor: 5, free: 1) };

        var assigned = RoutingPolicy.Assign(waiting, agents, _ => Nobody);

        Assert.Equal([("t1", "alice"), ("t2", "bob")], assigned.Select(a => (a.Task.TaskId, a.AgentId)));
    }

    [Fact]
    public void Assign_AgentWithSeveralSlots_TakesSeveralTasks()
    {
        var agents = new Dictionary<string, AgentAvailability> { ["alice"] = Agent("alice", idleFor: 10, free: 2) };

        var assigned = RoutingPolicy.Assign([Task("t1", 1), Task("t2", 2), Task("t3", 3)], agents, _ => Nobody);

        Assert.Equal(["t1", "t2"], assigned.Select(a => a.Task.TaskId));
    }

    [Fact]
    public void Assign_TaskDeclinedByTheOnlyAgent_WaitsWhileTheNextTaskIsAssigned()
    {
        var agents = new Dictionary<string, AgentAvailability> { ["alice"] = Agent("alice", idleFor: 10, free: 1) };

        var assigned = RoutingPolicy.Assign([Task("t1", 1), Task("t2", 2)], agents, id => id == "t1" ? new HashSet<string> { "alice" } : Nobody);

        Assert.Equal([("t2", "alice")], assigned.Select(a => (a.Task.TaskId, a.AgentId)));
    }

    private static AgentAvailability Agent(string id, int idleFor, int free = 1, bool ready = true) =>
        new(id, ready, free, T0.AddMinutes(-idleFor));

    private static QueuedTask Task(string id, int enqueued) => new(id, "conv-" + id, "WEB", T0.AddSeconds(enqueued));
}
