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
}
