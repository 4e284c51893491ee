using Conversations.Connectors;

namespace Conversations.Channels;

[GenerateSerializer]
public sealed class ConnectorCredentialsState
{
    /// <summary>Sealed with <see cref="Security.SecretBox"/>; null when the connector does not exist.</summary>
    [Id(0)]
    public IReadOnlyList<ConnectorSecret>? Secrets { get; set; }
}
