using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Conversations.Agents;
using Conversations.Channels;

namespace Conversations.Telemetry;

/// <summary>What waits on each queue held on this silo: how many tasks, and since when the oldest.</summary>
internal sealed class WaitingTasks
{
    private readonly ConcurrentDictionary<(RoutingMode Routing, string Queue), (int Count, DateTimeOffset? Oldest)> _queues = new();

    public void Set(RoutingMode routing, string queue, IReadOnlyCollection<QueuedTask> waiting) =>
        _queues[(routing, queue)] = (waiting.Count, waiting.Count == 0 ? null : waiting.Min(t => t.EnqueuedAt));

    public void Remove(RoutingMode routing, string queue) => _queues.TryRemove((routing, queue), out _);

    public IEnumerable<Measurement<long>> ObserveCounts() =>
        _queues.Select(q => new Measurement<long>(q.Value.Count, Tags(q.Key)));

    /// <summary>An empty queue's oldest wait is 0.</summary>
    public IEnumerable<Measurement<double>> ObserveOldest(DateTimeOffset now) =>
        _queues.Select(q => new Measurement<double>(q.Value.Oldest is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0, Tags(q.Key)));

    private static KeyValuePair<string, object?>[] Tags((RoutingMode Routing, string Queue) key) =>
        [new("queue", key.Queue), new("routing", key.Routing.ToString().ToLowerInvariant())];
}
