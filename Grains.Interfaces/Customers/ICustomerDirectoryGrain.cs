using Conversations.Channels;

namespace Conversations.Customers;

/// <summary>Finds customers by an identity as a connector or agent would write it (normalised here).</summary>
public interface ICustomerDirectoryGrain : IGrainWithIntegerKey
{
    Task<CustomerView?> FindAsync(IdentityKind kind, string value);
}
