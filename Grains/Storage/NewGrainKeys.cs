using System.Collections.Concurrent;

namespace Conversations.Storage;

/// <summary>
/// Grain keys this silo minted moments ago (each a new GUID) for grains placed with the grain that minted them
/// (PreferLocalPlacement). No store can hold state for such a grain before one of its activations writes it, so its
/// first activation, here, may skip reading: a new conversation activates three grains of new keys (customer,
/// conversation, channel session), and each of those reads is a statement that finds nothing. A key is taken once.
/// One not taken within <see cref="Lifetime"/> is forgotten, and that grain reads as usual.
/// </summary>
/// <remarks>
/// The creating call activates the grain within milliseconds, so the lifetime is short. Only if an activation on
/// another silo had written the row within it would the local activation start from empty state: it could answer
/// and act on that before its first write is refused as a version conflict, after which Orleans reactivates the grain
/// and it reads the row. That takes the minting grain's silo to lose the new grain within seconds of creating it.
/// </remarks>
public sealed class NewGrainKeys
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>For stores that read every activation's state anyway: records nothing, so it holds no memory.</summary>
    public static readonly NewGrainKeys None = new();

    /// <summary>About how many keys are held at most; past it a key goes unrecorded (its grain reads), so a flood cannot grow memory.</summary>
    public const int Capacity = 10_000;

    private readonly TimeProvider? _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _minted = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    // ConcurrentDictionary.Count takes every lock of the dictionary; this is read on each mint of each new conversation.
    private int _held;

    public NewGrainKeys(TimeProvider time) => _time = time;

    private NewGrainKeys()
    {
    }

    /// <summary>Records a key just made, and returns it.</summary>
    public string Mint(string key)
    {
        if (_time is null)
        {
            return key;
        }

        var now = _time.GetUtcNow();
        if (Volatile.Read(ref _held) >= Capacity)
        {
            PruneExpired(now);
        }

        if (Volatile.Read(ref _held) < Capacity && _minted.TryAdd(key, now))
        {
            Interlocked.Increment(ref _held);
        }

        return key;
    }

    /// <summary>True once for a key minted here less than <see cref="Lifetime"/> ago: no state is stored for it.</summary>
    public bool TryTake(string key) =>
        _time is not null && Forget(key, out var minted) && _time.GetUtcNow() - minted < Lifetime;

    /// <summary>As <see cref="TryTake(string)"/> for a grain's key; nothing is formatted while no key is held.</summary>
    public bool TryTake(GrainId grain) => Volatile.Read(ref _held) > 0 && TryTake(grain.Key.ToString()!);

    // At most once per tenth of the lifetime, so a silo whose keys all go unused does not scan on every mint.
    private void PruneExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPruneTicks, (now + Lifetime / 10).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var entry in _minted)
        {
            if (now - entry.Value >= Lifetime && _minted.TryRemove(entry))
            {
                Interlocked.Decrement(ref _held);
            }
        }
    }

    private bool Forget(string key, out DateTimeOffset minted)
    {
        if (!_minted.TryRemove(key, out minted))
        {
            return false;
        }

        Interlocked.Decrement(ref _held);
        return true;
    }
}
