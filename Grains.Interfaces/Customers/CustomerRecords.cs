using Conversations.Channels;

namespace Conversations.Customers;

/// <summary>A customer as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record CustomerView(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<CustomerIdentity> Identities,
    [property: Id(2)] string? ActiveConversationId,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string? MergedInto);

/// <summary>What a merged customer hands over to the customer it was merged into, with the agents who served it.</summary>
[GenerateSerializer, Immutable]
public sealed record CustomerHandOver(
    [property: Id(0)] IReadOnlyList<CustomerIdentity> Identities,
    [property: Id(1)] string? ActiveConversationId,
    [property: Id(2)] IReadOnlyList<string>? WorkedWith = null);
