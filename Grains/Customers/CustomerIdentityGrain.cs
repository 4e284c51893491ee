using Conversations.Storage;

namespace Conversations.Customers;

/// <summary>
/// The record of which customer an identity belongs to. The silo remembers its answers (<see cref="KnownIdentities"/>),
/// so it leaves memory after every call rather than keeping an activation for every customer.
/// </summary>
// Placed with its customer's grains (see CustomerGrain).
[Orleans.Placement.PreferLocalPlacement]
public sealed class CustomerIdentityGrain(
    [PersistentState(StateNames.CustomerIdentity, StorageNames.GrainState)] IPersistentState<CustomerIdentityState> identity,
    KnownIdentities known,
    NewGrainKeys newKeys)
    : Grain, ICustomerIdentityGrain
{
    public async Task<string> ResolveAsync(CustomerIdentity customerIdentity)
    {
        if (identity.State.CustomerId is null)
        {
            var customerId = newKeys.Mint(GrainKeys.NewCustomerId());
            await GrainFactory.Get<ICustomerGrain>(customerId).EnsureCreatedAsync(customerIdentity);
            identity.State.CustomerId = customerId;
            await identity.WriteStateAsync();
        }

        return Answered()!;
    }

    public Task<string?> FindAsync() => Task.FromResult(Answered());

    public async Task<string?> AssignAsync(CustomerIdentity customerIdentity, string customerId)
    {
        var previous = identity.State.CustomerId;
        if (previous != customerId)
        {
            identity.State.CustomerId = customerId;
            await identity.WriteStateAsync();
        }

        Answered();
        return previous == customerId ? null : previous;
    }

    /// <summary>The owner, now also known to the silo; the activation goes once this call is done.</summary>
    private string? Answered()
    {
        if (identity.State.CustomerId is { } customerId)
        {
            known.Remember(this.GetPrimaryKeyString(), customerId);
        }

        DeactivateOnIdle();
        return identity.State.CustomerId;
    }
}
