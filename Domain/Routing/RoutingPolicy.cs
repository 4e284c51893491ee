using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>
/// Push routing's choice: waiting tasks in arrival order, each to the ready agent with free capacity
/// who has been available longest. Agents who already turned a task down are not asked again.
/// </summary>
public static class RoutingPolicy
{
    public static string? ChooseAgent(IEnumerable<AgentAvailability> agents, IReadOnlySet<string> excluded) =>
        agents
            .Where(a => a.Ready && a.FreeCapacity > 0 && !excluded.Contains(a.AgentId))
            .OrderBy(a => a.AvailableSince)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .FirstOrDefault()?.AgentId;

    /// <summary>Pairs as many waiting tasks as possible with agents, oldest task first.</summary>
    public static IReadOnlyList<(QueuedTask Task, string AgentId)> Assign(
        IEnumerable<QueuedTask> waiting,
        IReadOnlyDictionary<string, AgentAvailability> agents,
        Func<string, IReadOnlySet<string>> excludedFor)
    {
        var free = agents.Values.ToDictionary(a => a.AgentId);
        var assignments = new List<(QueuedTask, string)>();
        foreach (var task in waiting.OrderBy(t => t.EnqueuedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal))
        {
            var agentId = ChooseAgent(free.Values, excludedFor(task.TaskId));
            if (agentId is null)
            {
                continue;
            }

            assignments.Add((task, agentId));
            free[agentId] = free[agentId] with { FreeCapacity = free[agentId].FreeCapacity - 1 };
        }

        return assignments;
    }
}
