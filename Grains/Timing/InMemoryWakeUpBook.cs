namespace Conversations.Timing;

/// <summary>The development profile's wake-up book: one silo, so memory is as durable as everything else there.</summary>
public sealed class InMemoryWakeUpBook : IWakeUpBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, Entry> _entries = [];

    public Task BookAsync(GrainId grain, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _entries[grain] = new Entry(dueAt, TakenUntil: null);
        }

        return Task.CompletedTask;
    }

    public Task CancelAsync(GrainId grain, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _entries.Remove(grain);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GrainId>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var due = _entries
                .Where(e => e.Value.DueAt <= now && !(e.Value.TakenUntil > now))
                .OrderBy(e => e.Value.DueAt)
                .Take(limit)
                .Select(e => e.Key)
                .ToList();
            foreach (var grain in due)
            {
                _entries[grain] = _entries[grain] with { TakenUntil = now + lease };
            }

            return Task.FromResult<IReadOnlyList<GrainId>>(due);
        }
    }

    private sealed record Entry(DateTimeOffset DueAt, DateTimeOffset? TakenUntil);
}
