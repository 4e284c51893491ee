using Conversations.Channels;

namespace Conversations.Customers;

/// <summary>
/// Links identities to customers and merges customers (key <see cref="GrainKeys.MergesKey"/>). One grain
/// does every merge, one at a time: merges are rare, and two customers merging into each other at once
/// must neither wait on each other nor end up merged into each other.
/// </summary>
public interface ICustomerMergeGrain : IGrainWithStringKey
{
    /// <summary>Links the identity to the customer, merging in the customer that held it, if any.</summary>
    Task<CustomerView> LinkIdentityAsync(string customerId, IdentityKind kind, string value);

    /// <summary>
    /// A web chat visitor signed in as <paramref name="userIdentifier"/> with the token of the anonymous visitor
    /// <paramref name="anonymousIdentifier"/>: that visitor's customer becomes the user's (see
    /// <see cref="Connectors.WebChatIdentity.MayAdopt"/>). Checked and merged here, one merge at a time, so two users
    /// presenting one anonymous token cannot both take it. Null when nothing was joined.
    /// </summary>
    Task<CustomerView?> AdoptAnonymousVisitorAsync(IdentityKind kind, string anonymousIdentifier, string userIdentifier);
}
