using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Conversations.Customers;

/// <summary>
/// The customer each identity belongs to, as this silo last learned it from its identity grain, so a returning
/// customer's messages go straight to the customer grain and the identity grain need not stay in memory: an activation
/// costs about 2 KB of Orleans bookkeeping, an entry here about a tenth of that. An owner remembered here can only be
/// out of date after a merge moved the identity, and the customer merged away forwards everything to the one it was
/// merged into, so acting on it reaches the right customer still.
/// </summary>
/// <remarks>
/// Two generations: entries go into the recent one, and once that holds half the capacity it becomes the
/// older one and the oldest is dropped. An entry found in the older generation moves back to the recent one, so the
/// identities still writing stay while those gone quiet age out; a forgotten one is asked of its grain again.
/// </remarks>
public sealed class KnownIdentities
{
    /// <summary>About how many identities are held at most (some tens of megabytes).</summary>
    public const int Capacity = 200_000;

    private readonly int _capacity;
    private readonly Lock _turning = new();
    private ConcurrentDictionary<string, string> _recent = NewGeneration();
    private ConcurrentDictionary<string, string> _older = NewGeneration();
    private int _recentCount;

    public KnownIdentities()
        : this(Capacity)
    {
    }

    public KnownIdentities(int capacity) => _capacity = capacity;

    /// <summary>The owner of the identity with this grain key, if this silo knows it.</summary>
    public bool TryFind(string identityKey, [NotNullWhen(true)] out string? customerId)
    {
        if (_recent.TryGetValue(identityKey, out customerId))
        {
            return true;
        }

        if (!_older.TryGetValue(identityKey, out customerId))
        {
            return false;
        }

        // Only if nothing newer was remembered meanwhile.
        Add(_recent, identityKey, customerId);
        return true;
    }

    /// <summary>What the identity's grain just answered or assigned.</summary>
    public void Remember(string identityKey, string customerId)
    {
        var recent = _recent;
        if (!Add(recent, identityKey, customerId))
        {
            recent[identityKey] = customerId;
        }
    }

    private bool Add(ConcurrentDictionary<string, string> recent, string identityKey, string customerId)
    {
        if (!recent.TryAdd(identityKey, customerId))
        {
            return false;
        }

        if (Interlocked.Increment(ref _recentCount) >= _capacity / 2)
        {
            Turn(recent);
        }

        return true;
    }

    private void Turn(ConcurrentDictionary<string, string> full)
    {
        lock (_turning)
        {
            // Another caller may have turned it already.
            if (_recent != full)
            {
                return;
            }

            _older = full;
            _recent = NewGeneration();
            _recentCount = 0;
        }
    }

    private static ConcurrentDictionary<string, string> NewGeneration() => new(StringComparer.Ordinal);
}
