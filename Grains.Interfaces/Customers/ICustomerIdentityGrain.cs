namespace Conversations.Customers;

/// <summary>Maps one identity (key <see cref="GrainKeys.Identity"/>) to the customer it belongs to.</summary>
public interface ICustomerIdentityGrain : IGrainWithStringKey
{
    /// <summary>The owning customer, created on first sight of this identity.</summary>
    Task<string> ResolveAsync(CustomerIdentity identity);

    [ReadOnly]
    Task<string?> FindAsync();

    /// <summary>
    /// Points the identity at a customer if it still belongs to <paramref name="expectedOwner"/> (null: nobody) or
    /// already to that customer; false, and nothing changed, when someone else owns it (its first message made one).
    /// </summary>
    Task<bool> AssignAsync(CustomerIdentity identity, string customerId, string? expectedOwner);
}
