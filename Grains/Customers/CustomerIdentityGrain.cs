using Conversations.Storage;

namespace Conversations.Customers;

/// <summary>
/// The record of which customer an identity belongs to. The silo remembers its answers (<see cref="KnownIdentities"/>),
/// so it leaves memory once no call came for <see cref="IdleLife"/> rather than keeping an activation per customer.
/// </summary>
// Placed with its customer's grains (see CustomerGrain).
[Orleans.Placement.PreferLocalPlacement]
public sealed class CustomerIdentityGrain(
    [PersistentState(StateNames.CustomerIdentity, StorageNames.GrainState)] IPersistentState<CustomerIdentityState> identity,
    KnownIdentities known,
    NewGrainKeys newKeys)
    : Grain, ICustomerIdentityGrain
{
    /// <summary>
    /// Calls closer together than this (a new customer's first messages sent at once) share one activation. Leaving
    /// after every call instead would send each waiting call on to a new activation, and Orleans refuses a call it
    /// has sent on twice: the fourth of a burst failed.
    /// </summary>
    public static readonly TimeSpan IdleLife = TimeSpan.FromSeconds(2);

    private bool _calledSinceLook;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(LeaveIfIdle, IdleLife, IdleLife);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<string> ResolveAsync(CustomerIdentity customerIdentity)
    {
        if (identity.State.CustomerId is null)
        {
            var customerId = newKeys.Mint(GrainKeys.NewCustomerId());
            await GrainFactory.Get<ICustomerGrain>(customerId).EnsureCreatedAsync(customerIdentity);
            await StoreOwnerAsync(customerId);
        }

        return Answered()!;
    }

    public Task<string?> FindAsync() => Task.FromResult(Answered());

    public async Task<bool> AssignAsync(CustomerIdentity customerIdentity, string customerId, string? expectedOwner)
    {
        var owner = identity.State.CustomerId;
        var assignable = owner == customerId || owner == expectedOwner;
        if (assignable && owner != customerId)
        {
            await StoreOwnerAsync(customerId);
        }

        Answered();
        return assignable;
    }

    private async Task StoreOwnerAsync(string customerId)
    {
        var previous = identity.State.CustomerId;
        identity.State.CustomerId = customerId;
        try
        {
            await identity.WriteStateAsync();
        }
        catch
        {
            // Whether it was stored is unknown: no answer may come from memory, the next activation reads the store.
            identity.State.CustomerId = previous;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The owner, now also known to the silo.</summary>
    private string? Answered()
    {
        _calledSinceLook = true;
        if (identity.State.CustomerId is { } customerId)
        {
            known.Remember(this.GetPrimaryKeyString(), customerId);
        }

        return identity.State.CustomerId;
    }

    private Task LeaveIfIdle()
    {
        if (!_calledSinceLook)
        {
            DeactivateOnIdle();
        }

        _calledSinceLook = false;
        return Task.CompletedTask;
    }
}
