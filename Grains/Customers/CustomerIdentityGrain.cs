using Conversations.Storage;

namespace Conversations.Customers;

// Placed with its customer's grains (see CustomerGrain).
[Orleans.Placement.PreferLocalPlacement]
public sealed class CustomerIdentityGrain(
    [PersistentState(StateNames.CustomerIdentity, StorageNames.GrainState)] IPersistentState<CustomerIdentityState> identity,
    NewGrainKeys newKeys)
    : Grain, ICustomerIdentityGrain
{
    public async Task<string> ResolveAsync(CustomerIdentity customerIdentity)
    {
        if (identity.State.CustomerId is { } known)
        {
            return known;
        }

        var customerId = newKeys.Mint(GrainKeys.NewCustomerId());
        await GrainFactory.Get<ICustomerGrain>(customerId).EnsureCreatedAsync(customerIdentity);
        identity.State.CustomerId = customerId;
        await identity.WriteStateAsync();
        return customerId;
    }

    public Task<string?> FindAsync() => Task.FromResult(identity.State.CustomerId);

    public async Task<string?> AssignAsync(CustomerIdentity customerIdentity, string customerId)
    {
        var previous = identity.State.CustomerId;
        if (previous == customerId)
        {
            return null;
        }

        identity.State.CustomerId = customerId;
        await identity.WriteStateAsync();
        return previous;
    }
}
