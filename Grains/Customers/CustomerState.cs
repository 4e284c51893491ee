namespace Conversations.Customers;

[GenerateSerializer]
public sealed class CustomerState
{
    [Id(0)]
    public DateTimeOffset? CreatedAt { get; set; }

    [Id(1)]
    public List<CustomerIdentity> Identities { get; set; } = [];

    [Id(2)]
    public string? ActiveConversationId { get; set; }

    [Id(3)]
    public string? MergedInto { get; set; }

    /// <summary>The conversation handed over in the merge, so a retried merge hands over the same.</summary>
    [Id(4)]
    public string? HandedOverConversationId { get; set; }

    /// <summary>Customers merged into this one: their logged messages are this customer's too when recognising repeats.</summary>
    [Id(5)]
    public List<string> Absorbed { get; set; } = [];

    /// <summary>The agents who joined the customer's conversations: they may write to the customer first.</summary>
    [Id(6)]
    public List<string> WorkedWith { get; set; } = [];
}
