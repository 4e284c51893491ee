using Conversations.Connectors;

namespace Conversations.Channels;

[GenerateSerializer]
public sealed class ConnectorCredentialsState
{
    /// <summary>Sealed with <see cref="Security.SecretBox"/>; null when the connector does not exist.</summary>
    [Id(0)]
    public IReadOnlyList<ConnectorSecret>? Secrets { get; set; }

    /// <summary>Sealed too, by name; empty when the connector's kind takes none or none was set.</summary>
    [Id(2)]
    public Dictionary<string, string> ProviderSecrets { get; set; } = new(StringComparer.Ordinal);
}
