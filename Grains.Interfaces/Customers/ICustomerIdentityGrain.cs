namespace Conversations.Customers;

/// <summary>Maps one identity (key <see cref="GrainKeys.Identity"/>) to the customer it belongs to.</summary>
public interface ICustomerIdentityGrain : IGrainWithStringKey
{
    /// <summary>The owning customer, created on first sight of this identity.</summary>
    Task<string> ResolveAsync(CustomerIdentity identity);

    [ReadOnly]
    Task<string?> FindAsync();

    /// <summary>Points the identity at a customer; returns the customer it pointed at before, if another.</summary>
    Task<string?> AssignAsync(CustomerIdentity identity, string customerId);
}
