using Conversations.Channels;

namespace Conversations.Customers;

/// <summary>One way to recognise a customer: a normalised phone number, web visitor id, email...</summary>
public sealed record CustomerIdentity(
    IdentityKind Kind,
    string Value);
