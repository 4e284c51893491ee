using Conversations.Channels;
using Conversations.Connectors;
using Conversations.Domain;

namespace Conversations.Customers;

public sealed class CustomerMergeGrain : Grain, ICustomerMergeGrain
{
    // Two suffice: an identity nobody owned gets an owner once, and then only merges (one at a time, here) move it.
    private const int MaxAttempts = 3;

    public async Task<CustomerView> LinkIdentityAsync(string customerId, IdentityKind kind, string value)
    {
        var identity = CustomerIdentityRules.Identify(kind, value);
        var target = await Customer(customerId).GetAsync() ?? throw DomainException.NotFound($"No customer {customerId}.");
        if (target.MergedInto is not null)
        {
            throw DomainException.Conflict($"Customer {customerId} was merged into {target.MergedInto}; link identities there.");
        }

        if (target.Identities.Contains(identity))
        {
            return target;
        }

        // The identity's first message may create its customer between the look and the link: then link that one.
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var owner = await GrainFactory.Get<ICustomerIdentityGrain>(GrainKeys.Identity(identity)).FindAsync();
            if (await Customer(customerId).AbsorbAsync(identity, owner) is { } linked)
            {
                return linked;
            }
        }

        throw DomainException.Conflict($"The identity kept changing owner while being linked to {customerId}; try again.");
    }

    public async Task<CustomerView?> AdoptAnonymousVisitorAsync(IdentityKind kind, string anonymousIdentifier, string userIdentifier)
    {
        var directory = GrainFactory.Get<ICustomerDirectoryGrain>(0);
        var anonymous = await directory.FindAsync(kind, anonymousIdentifier);
        if (anonymous is null || !WebChatIdentity.MayAdopt(anonymous.Identities, kind))
        {
            return null;
        }

        // A user seen for the first time takes the anonymous customer over; a known user's customer absorbs it.
        return await directory.FindAsync(kind, userIdentifier) is { } user
            ? await LinkIdentityAsync(user.Id, kind, anonymousIdentifier)
            : await LinkIdentityAsync(anonymous.Id, kind, userIdentifier);
    }

    private ICustomerGrain Customer(string id) => GrainFactory.Get<ICustomerGrain>(id);
}
