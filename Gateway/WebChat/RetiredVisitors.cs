using Conversations.Channels;
using Conversations.Connectors;
using Conversations.Customers;

namespace Conversations.Gateway.WebChat;

/// <summary>
/// Anonymous visitor tokens whose chat a signed-in user took over (<see cref="VisitorSignedIn"/>) speak for nobody
/// any more: the browser that signed in forgot its copy, and one copied before must not read or write the user's chat.
/// Read afresh on every call (visitors call at the pace people type; the stream reads the customer anyway), so a
/// takeover counts at once on every gateway.
/// </summary>
public sealed class RetiredVisitors(IClusterClient cluster, WebChatChannels channels)
{
    // Merges chain only as far as customers were merged one into another; a longer chain is not followed further.
    private const int MaxMergesFollowed = 8;

    /// <summary>A signed-in user's token never retires this way; an anonymous one once its customer has a user.</summary>
    public async Task<bool> IsRetiredAsync(VisitorToken visitor)
    {
        if (!WebChatIdentity.IsAnonymous(visitor.CustomerIdentifier))
        {
            return false;
        }

        ResolvedChannel channel;
        try
        {
            channel = await channels.FindAsync(visitor.ServiceIdentifier);
        }
        catch (DomainException)
        {
            // No such web chat (any more): its endpoints answer that themselves.
            return false;
        }

        return await IsRetiredAsync(channel, visitor.CustomerIdentifier, await channels.CustomerAsync(channel, visitor.CustomerIdentifier));
    }

    /// <summary>
    /// The same, for whoever has read the visitor's customer already (the stream does every second). A customer merged
    /// into another counts as that one: while a merge is under way (or after one that failed midway) the anonymous
    /// identity may still name the merged customer, whose messages already go to the user's.
    /// </summary>
    public async Task<bool> IsRetiredAsync(ResolvedChannel channel, string customerIdentifier, CustomerView? customer)
    {
        if (!WebChatIdentity.IsAnonymous(customerIdentifier))
        {
            return false;
        }

        for (var followed = 0; customer?.MergedInto is { } target && followed < MaxMergesFollowed; followed++)
        {
            customer = await cluster.Get<ICustomerGrain>(target).GetAsync();
        }

        return customer is not null && (customer.MergedInto is not null || WebChatIdentity.IsRetired(customer.Identities, channel.Type.IdentityKind));
    }
}
