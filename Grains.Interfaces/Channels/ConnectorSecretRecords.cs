namespace Conversations.Channels;

/// <summary>A new connector with its key, which is shown this once and never again.</summary>
[GenerateSerializer, Immutable]
public sealed record CreatedConnector(
    [property: Id(0)] ChannelConnector Connector,
    [property: Id(1)] string Secret);

/// <summary>A connector's new key, shown this once; the replaced ones stay good until <c>PreviousSecretValidUntil</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record RotatedConnectorSecret(
    [property: Id(0)] string ConnectorId,
    [property: Id(1)] string Secret,
    [property: Id(2)] DateTimeOffset? PreviousSecretValidUntil);

/// <summary>Whether one of the provider secrets a connector's kind keeps has been set; its value is never shown.</summary>
[GenerateSerializer, Immutable]
public sealed record ProviderSecretState(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Set);
