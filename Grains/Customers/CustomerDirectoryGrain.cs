using Conversations.Channels;
using Conversations.Domain;
using Orleans.Concurrency;

namespace Conversations.Customers;

// Holds nothing between calls: calls interleave instead of waiting for each other's I/O (see InboundGrain).
[StatelessWorker]
[Reentrant]
public sealed class CustomerDirectoryGrain : Grain, ICustomerDirectoryGrain
{
    public async Task<CustomerView?> FindAsync(IdentityKind kind, string value)
    {
        var identity = CustomerIdentityRules.Identify(kind, value);
        var customerId = await GrainFactory.Get<ICustomerIdentityGrain>(GrainKeys.Identity(identity)).FindAsync();
        return customerId is null ? null : await GrainFactory.Get<ICustomerGrain>(customerId).GetAsync();
    }
}
