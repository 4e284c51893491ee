using Conversations.Connectors;

namespace Conversations.Channels;

/// <summary>
/// What a connector is checked with and calls its provider with, all sealed: its own keys, newest first, and the
/// provider secrets its kind keeps, by name (<see cref="Domain.ConnectorRules.ProviderSecretNames"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConnectorCredentials(
    [property: Id(0)] IReadOnlyList<ConnectorSecret> Keys,
    [property: Id(1)] Dictionary<string, string> ProviderSecrets);
