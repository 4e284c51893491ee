using System.Collections.Concurrent;

namespace Conversations.Hosting;

/// <summary>
/// What this process (a silo or a gateway) keeps of values a grain owns, so a hot path rarely waits on that grain. A
/// copy is served as it is; once older than the refresh time it is fetched again in the background, one fetch at a
/// time, and kept if the fetch fails (the owner may live on a silo that just died). A copy older than
/// <see cref="MaxAgeServed"/> refresh times (a quiet process's, or one whose refreshes keep failing) is fetched before
/// it is served, and served only if that fetch fails. Whoever changes the value drops the copy of the process it runs
/// in; other processes see the change within the refresh time while they are busy, and at their next use after a quiet
/// spell.
/// </summary>
public sealed class LocalCopies<TKey, TValue>(Func<TKey, Task<TValue?>> fetch, TimeSpan refreshAfter, TimeProvider time, Action<Exception, TKey> refreshFailed)
    where TKey : notnull
    where TValue : class
{
    public const int MaxAgeServed = 30;

    private readonly ConcurrentDictionary<TKey, Copy> _copies = new();

    // Counts forgets, so a fetch that began before one does not keep what it read (it may predate the change).
    private long _forgets;

    /// <summary>Null when the owner has no value.</summary>
    public async Task<TValue?> GetAsync(TKey key)
    {
        if (!_copies.TryGetValue(key, out var copy))
        {
            return await FetchAsync(key);
        }

        // A clock set back makes the age negative: that copy's age is unknown, so it is fetched anew like an old one.
        var age = time.GetUtcNow() - copy.FetchedAt;
        if (age < TimeSpan.Zero || age >= refreshAfter * MaxAgeServed)
        {
            try
            {
                return await FetchAsync(key);
            }
            catch (Exception e)
            {
                refreshFailed(e, key);
                return copy.Value;
            }
        }

        if (age >= refreshAfter && copy.TryStartRefresh())
        {
            RefreshAsync(key, copy).Ignore();
        }

        return copy.Value;
    }

    /// <summary>The value changed or went: the next call fetches it anew.</summary>
    public void Forget(TKey key)
    {
        Interlocked.Increment(ref _forgets);
        _copies.TryRemove(key, out _);
    }

    private async Task<TValue?> FetchAsync(TKey key)
    {
        var forgets = Interlocked.Read(ref _forgets);
        var value = await fetch(key);
        if (value is null)
        {
            _copies.TryRemove(key, out _);
            return null;
        }

        var copy = new Copy(value, time.GetUtcNow());
        _copies[key] = copy;
        if (Interlocked.Read(ref _forgets) != forgets)
        {
            // A forget came while fetching, or while storing: what was read may predate the change.
            _copies.TryRemove(KeyValuePair.Create(key, copy));
        }

        return value;
    }

    private async Task RefreshAsync(TKey key, Copy stale)
    {
        try
        {
            var value = await fetch(key);
            // Either replaces the stale copy or, if it was forgotten meanwhile, leaves the key to the next fetch.
            if (value is null)
            {
                _copies.TryRemove(KeyValuePair.Create(key, stale));
            }
            else
            {
                _copies.TryUpdate(key, new Copy(value, time.GetUtcNow()), stale);
            }
        }
        catch (Exception e)
        {
            stale.RefreshFailed();
            refreshFailed(e, key);
        }
    }

    private sealed class Copy(TValue value, DateTimeOffset fetchedAt)
    {
        private int _refreshing;

        public TValue Value { get; } = value;

        public DateTimeOffset FetchedAt { get; } = fetchedAt;

        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;

        public void RefreshFailed() => Interlocked.Exchange(ref _refreshing, 0);
    }
}
