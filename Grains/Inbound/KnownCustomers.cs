using System.Collections.Concurrent;
using Conversations.Customers;

namespace Conversations.Inbound;

/// <summary>
/// Which customer an identity belongs to, as this silo last heard, so a message need not ask the identity's grain
/// each time (one grain call, and one activation per customer, fewer). A stale entry is harmless: an identity moves
/// to another customer only when its customer is merged into that one, and a merged customer forwards everything to
/// the customer it went into.
/// </summary>
public sealed class KnownCustomers
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, string> _customers = new(StringComparer.Ordinal);

    public string? Find(CustomerIdentity identity) => _customers.GetValueOrDefault(GrainKeys.Identity(identity));

    public void Remember(CustomerIdentity identity, string customerId)
    {
        // A miss costs one grain call, so starting afresh when full is cheaper than keeping a least-recently-used order.
        if (_customers.Count >= Capacity)
        {
            _customers.Clear();
        }

        _customers[GrainKeys.Identity(identity)] = customerId;
    }
}
