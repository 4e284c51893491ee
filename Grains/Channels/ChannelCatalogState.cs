using Conversations.Connectors;
using Conversations.Outbound;

namespace Conversations.Channels;

[GenerateSerializer]
public sealed class ChannelCatalogState
{
    [Id(0)]
    public Dictionary<string, ChannelType> Types { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public Dictionary<string, ChannelProvider> Providers { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public Dictionary<string, ChannelConnector> Connectors { get; set; } = new(StringComparer.Ordinal);

    [Id(3)]
    public Dictionary<string, Channel> Channels { get; set; } = new(StringComparer.Ordinal);

    [Id(4)]
    public ControllerSettings Controller { get; set; } = ControllerSettings.Default;

    /// <summary>Each connector's secrets, sealed with <see cref="Security.SecretBox"/>, newest first.</summary>
    [Id(5)]
    public Dictionary<string, IReadOnlyList<ConnectorSecret>> ConnectorSecrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each connector's provider secrets (Twilio's auth token, Meta's app secret...), by name, sealed.</summary>
    [Id(7)]
    public Dictionary<string, Dictionary<string, string>> ProviderSecrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The message templates of every channel, by template id.</summary>
    [Id(8)]
    public Dictionary<string, MessageTemplate> Templates { get; set; } = new(StringComparer.Ordinal);
}
