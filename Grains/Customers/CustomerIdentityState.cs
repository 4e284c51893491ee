namespace Conversations.Customers;

[GenerateSerializer]
public sealed class CustomerIdentityState
{
    [Id(0)]
    public string? CustomerId { get; set; }
}
