using Conversations.Channels;
using Conversations.Domain;

namespace Conversations.Customers;

[StatelessWorker]
public sealed class CustomerDirectoryGrain : Grain, ICustomerDirectoryGrain
{
    public async Task<CustomerView?> FindAsync(IdentityKind kind, string value)
    {
        var identity = CustomerIdentityRules.Identify(kind, value);
        var customerId = await GrainFactory.GetGrain<ICustomerIdentityGrain>(GrainKeys.Identity(identity)).FindAsync();
        return customerId is null ? null : await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetAsync();
    }
}
