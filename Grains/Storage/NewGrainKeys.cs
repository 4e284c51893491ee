using System.Collections.Concurrent;

namespace Conversations.Storage;

/// <summary>
/// Grain keys this silo minted moments ago (each a new GUID). No store can hold state for such a grain before one of
/// its activations writes it, so its first activation on this silo may skip reading: a new conversation activates
/// three grains of new keys (customer, conversation, channel session), and each of those reads is a statement that
/// finds nothing. A key is taken once. One not taken within <see cref="Lifetime"/> (its grain was placed on another
/// silo, or never called) is forgotten, and that grain reads as usual.
/// </summary>
/// <remarks>
/// Should an activation elsewhere have written the row already, the local activation starts from empty state without
/// a version, and its first write is refused as a version conflict: Orleans then reactivates the grain, which reads
/// the row. Grains are placed with their customer's (PreferLocalPlacement), so that stays rare.
/// </remarks>
public sealed class NewGrainKeys
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>For stores that read every activation's state anyway: records nothing, so it holds no memory.</summary>
    public static readonly NewGrainKeys None = new(time: null);

    /// <summary>Most keys held at once; past it a key goes unrecorded (its grain reads), so a flood cannot grow memory.</summary>
    public const int Capacity = 10_000;

    private readonly TimeProvider? _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _minted = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    public NewGrainKeys(TimeProvider? time) => _time = time;

    /// <summary>Records a key just made, and returns it.</summary>
    public string Mint(string key)
    {
        if (_time is null)
        {
            return key;
        }

        var now = _time.GetUtcNow();
        if (_minted.Count >= Capacity)
        {
            PruneExpired(now);
        }

        if (_minted.Count < Capacity)
        {
            _minted[key] = now;
        }

        return key;
    }

    /// <summary>True once for a key minted here less than <see cref="Lifetime"/> ago: no state is stored for it.</summary>
    public bool TryTake(string key) =>
        _time is not null && _minted.TryRemove(key, out var minted) && _time.GetUtcNow() - minted < Lifetime;

    // At most once per tenth of the lifetime, so a silo whose keys all go elsewhere does not scan on every mint.
    private void PruneExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPruneTicks, (now + Lifetime / 10).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (key, minted) in _minted)
        {
            if (now - minted >= Lifetime)
            {
                _minted.TryRemove(key, out _);
            }
        }
    }
}
