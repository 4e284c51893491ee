using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>
/// Push routing for one channel type. Waiting tasks go in arrival order, each to the ready agent with free
/// capacity who has been available longest; an agent who turned a task down is not asked again until it
/// comes back ready. Every rule that changes nothing returns the queue it was given, so "changed" is
/// "not the same queue".
/// </summary>
public static class RoutingPolicy
{
    public static RouterDecision Decide(RouterQueue queue, RouterSignal signal) => signal switch
    {
        RouterSignal.TaskEnqueued enqueued => Dispatch(queue, Enqueue(queue, enqueued.Task)),
        RouterSignal.TaskReturned returned => Dispatch(queue, Enqueue(Decline(queue, returned.Task.TaskId, returned.AgentId), returned.Task)),
        RouterSignal.TaskRemoved removed => Dispatch(queue, Remove(queue, removed.TaskId)),
        RouterSignal.AgentChanged changed => Dispatch(queue, Update(queue, changed.Availability)),
        RouterSignal.OfferMade made => Hold(queue, made.Offer),
        RouterSignal.TaskReassigned reassigned => Hold(queue, reassigned.Offer),
        RouterSignal.OfferRefused refused => Settle(queue, TakeOff(queue, refused.Offer.Task.TaskId)),
        RouterSignal.OfferFailed => Settle(queue, queue),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown router signal."),
    };

    public static string? ChooseAgent(IEnumerable<AgentAvailability> agents, IReadOnlySet<string> excluded) =>
        agents
            .Where(a => a.Ready && a.FreeCapacity > 0 && !excluded.Contains(a.AgentId))
            .OrderBy(a => a.AvailableSince)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .FirstOrDefault()?.AgentId;

    /// <summary>
    /// Oldest first; the order tasks are offered in and listed in, on a router or a pull list. A plain list,
    /// as it crosses grain calls (a collection expression would make a type of this assembly, taken for a domain record).
    /// </summary>
    public static IReadOnlyList<QueuedTask> InArrivalOrder(IEnumerable<QueuedTask> tasks) =>
        tasks.OrderBy(t => t.EnqueuedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList();

    /// <summary>Offers follow from the queue whatever the signal, so a repeated signal retries an offer that failed.</summary>
    private static RouterDecision Dispatch(RouterQueue before, RouterQueue after) => new(after, !ReferenceEquals(before, after), Assign(after));

    /// <summary>An offer's outcome makes no new offer in the same turn: a task whose offers keep failing would loop.</summary>
    private static RouterDecision Settle(RouterQueue before, RouterQueue after) => new(after, !ReferenceEquals(before, after), []);

    /// <summary>Pairs as many waiting tasks as possible with agents, oldest task first, within each agent's free capacity.</summary>
    private static IReadOnlyList<TaskOffer> Assign(RouterQueue queue)
    {
        var free = queue.Agents.Values.ToDictionary(a => a.AgentId);
        var offers = new List<TaskOffer>();
        foreach (var task in InArrivalOrder(queue.Waiting))
        {
            if (ChooseAgent(free.Values, queue.DeclinedBy(task.TaskId)) is { } agentId)
            {
                offers.Add(new TaskOffer(task, agentId));
                free[agentId] = free[agentId] with { FreeCapacity = free[agentId].FreeCapacity - 1 };
            }
        }

        return offers;
    }

    private static RouterQueue Enqueue(RouterQueue queue, QueuedTask task) =>
        queue.Waiting.Any(t => t.TaskId == task.TaskId) ? queue : queue with { Waiting = [.. queue.Waiting, task] };

    private static RouterQueue Decline(RouterQueue queue, string taskId, string agentId) =>
        queue.DeclinedBy(taskId).Contains(agentId)
            ? queue
            : queue with { Declined = With(queue.Declined, taskId, new HashSet<string>(queue.DeclinedBy(taskId), StringComparer.Ordinal) { agentId }) };

    private static RouterQueue Remove(RouterQueue queue, string taskId) =>
        queue.Declined.ContainsKey(taskId)
            ? TakeOff(queue, taskId) with { Declined = queue.Declined.Where(d => d.Key != taskId).ToDictionary(StringComparer.Ordinal) }
            : TakeOff(queue, taskId);

    private static RouterQueue TakeOff(RouterQueue queue, string taskId) =>
        queue.Waiting.Any(t => t.TaskId == taskId) ? queue with { Waiting = [.. queue.Waiting.Where(t => t.TaskId != taskId)] } : queue;

    /// <summary>
    /// Availabilities are one-way messages that may overtake each other: only a newer revision counts.
    /// Coming back ready is a fresh start, so tasks the agent turned down before may be offered to it again.
    /// </summary>
    private static RouterQueue Update(RouterQueue queue, AgentAvailability availability)
    {
        var known = queue.Agents.GetValueOrDefault(availability.AgentId);
        if (known is not null && known.Revision >= availability.Revision)
        {
            return queue;
        }

        var updated = queue with { Agents = With(queue.Agents, availability.AgentId, availability) };
        return availability.Ready && known is not { Ready: true } ? ForgetDeclines(updated, availability.AgentId) : updated;
    }

    private static RouterQueue ForgetDeclines(RouterQueue queue, string agentId) =>
        queue.Declined.Values.Any(d => d.Contains(agentId))
            ? queue with
            {
                Declined = queue.Declined
                    .Select(d => (d.Key, Agents: (IReadOnlySet<string>)d.Value.Where(a => a != agentId).ToHashSet(StringComparer.Ordinal)))
                    .Where(d => d.Agents.Count > 0)
                    .ToDictionary(d => d.Key, d => d.Agents, StringComparer.Ordinal),
            }
            : queue;

    /// <summary>The offered task waits no more, and its agent's slot is held.</summary>
    private static RouterDecision Hold(RouterQueue queue, TaskOffer offer) => Settle(queue, Reserve(TakeOff(queue, offer.Task.TaskId), offer.AgentId));

    /// <summary>
    /// An agent who took an offer counts it against its free capacity here until it reports its capacity
    /// again, so no agent gets more offers than it has slots.
    /// </summary>
    private static RouterQueue Reserve(RouterQueue queue, string agentId) =>
        queue.Agents.TryGetValue(agentId, out var agent)
            ? queue with { Agents = With(queue.Agents, agentId, agent with { FreeCapacity = agent.FreeCapacity - 1 }) }
            : queue;

    private static IReadOnlyDictionary<string, T> With<T>(IReadOnlyDictionary<string, T> map, string key, T value) =>
        new Dictionary<string, T>(map, StringComparer.Ordinal) { [key] = value };
}
