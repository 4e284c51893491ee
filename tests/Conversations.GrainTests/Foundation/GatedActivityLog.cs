using System.Collections.Concurrent;
using Conversations.Activities;

namespace Conversations.GrainTests.Foundation;

/// <summary>
/// The development activity log with a gate in front of appends: while a test holds it, appends wait, and the test
/// sees which customer messages are waiting at once. An append can also be made to fail as a broken store would, for a
/// text a test marks. Everything else goes straight through.
/// </summary>
public sealed class GatedActivityLog(InMemoryActivityLog log) : IActivityLog
{
    private readonly Lock _lock = new();
    private readonly List<string> _waiting = [];
    private TaskCompletionSource? _held;

    /// <summary>The marks of the texts whose appends fail, and how many failed.</summary>
    private readonly ConcurrentDictionary<string, int> _faults = new(StringComparer.Ordinal);

    /// <summary>Texts of the customer messages whose append waits at the gate now.</summary>
    public IReadOnlyList<string> Waiting
    {
        get
        {
            lock (_lock)
            {
                return [.. _waiting];
            }
        }
    }

    /// <summary>Holds appends until the returned handle is disposed.</summary>
    public IDisposable Hold()
    {
        lock (_lock)
        {
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new Release(this);
        }
    }

    /// <summary>From now on, appends with an activity whose text holds <paramref name="mark"/> throw (not a refusal).</summary>
    public void FailAppendsWith(string mark) => _faults.TryAdd(mark, 0);

    /// <summary>How many appends failed for <paramref name="mark"/>.</summary>
    public int FailuresFor(string mark) => _faults.GetValueOrDefault(mark);

    public async Task AppendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        foreach (var mark in _faults.Keys.Where(m => activities.Any(a => a.Text?.Contains(m, StringComparison.Ordinal) == true)))
        {
            _faults.AddOrUpdate(mark, 1, (_, failed) => failed + 1);
            throw new IOException($"The activity log is broken for '{mark}'.");
        }

        Task? held;
        var texts = activities.Where(a => a.Kind == ActivityKind.CustomerMessage).Select(a => a.Text ?? string.Empty).ToList();
        lock (_lock)
        {
            held = _held?.Task;
            if (held is not null)
            {
                _waiting.AddRange(texts);
            }
        }

        if (held is not null)
        {
            await held;
        }

        await log.AppendAsync(activities, cancellationToken);
    }

    public Task<IReadOnlyList<Activity>> ReadCustomerMessagesSinceAsync(
        IReadOnlyList<string> customerIds, DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        log.ReadCustomerMessagesSinceAsync(customerIds, since, limit, cancellationToken);

    public Task<ActivityPage> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        log.ReadAsync(conversationId, afterSequence, limit, cancellationToken);

    public Task<long> GetLastSequenceAsync(string conversationId, CancellationToken cancellationToken = default) =>
        log.GetLastSequenceAsync(conversationId, cancellationToken);

    public Task<DateTimeOffset?> GetLastCustomerActivityAsync(string channelSessionId, CancellationToken cancellationToken = default) =>
        log.GetLastCustomerActivityAsync(channelSessionId, cancellationToken);

    public Task<bool> RecordDeliveryAsync(string conversationId, long sequence, DeliveryOutcome outcome, string? failure = null, CancellationToken cancellationToken = default) =>
        log.RecordDeliveryAsync(conversationId, sequence, outcome, failure, cancellationToken);

    public Task<IReadOnlyList<Activity>> ListFailedDeliveriesAsync(int limit, CancellationToken cancellationToken = default) =>
        log.ListFailedDeliveriesAsync(limit, cancellationToken);

    public Task<Activity?> ReopenFailedDeliveryAsync(string conversationId, long sequence, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        log.ReopenFailedDeliveryAsync(conversationId, sequence, now, cancellationToken);

    public Task RenewDeliveryClaimsAsync(IReadOnlyCollection<DeliveryKey> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        log.RenewDeliveryClaimsAsync(deliveries, now, cancellationToken);

    public Task<IReadOnlyList<Activity>> ClaimLostDeliveriesAsync(
        DateTimeOffset now, TimeSpan lostAfter, TimeSpan maxAge, int limit, CancellationToken cancellationToken = default) =>
        log.ClaimLostDeliveriesAsync(now, lostAfter, maxAge, limit, cancellationToken);

    private sealed class Release(GatedActivityLog gate) : IDisposable
    {
        public void Dispose()
        {
            lock (gate._lock)
            {
                gate._held?.TrySetResult();
                gate._held = null;
                gate._waiting.Clear();
            }
        }
    }
}
