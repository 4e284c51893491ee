using Conversations.Connectors;

namespace Conversations.Channels;

/// <summary>
/// What a connector is checked with, all sealed: its own keys, newest first, and the provider's secret when its
/// kind verifies provider signatures (Twilio's auth token), else null.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConnectorCredentials(
    [property: Id(0)] IReadOnlyList<ConnectorSecret> Keys,
    [property: Id(1)] string? ProviderSecret);
