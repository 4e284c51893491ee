using Conversations.Outbound;

namespace Conversations.Channels;

/// <summary>
/// The one place channel configuration is written (key <see cref="GrainKeys.CatalogKey"/>): it checks
/// references between types, providers, connectors and channels, and publishes each resolved channel
/// to its <see cref="IChannelGrain"/> so the inbound path never queries the catalog.
/// </summary>
public interface IChannelCatalogGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<IReadOnlyList<ChannelType>> ListChannelTypesAsync();

    Task<ChannelType> CreateChannelTypeAsync(ChannelType type);

    Task<ChannelType> UpdateChannelTypeAsync(ChannelType type);

    Task DeleteChannelTypeAsync(string code);

    [ReadOnly]
    Task<IReadOnlyList<ChannelProvider>> ListProvidersAsync();

    Task<ChannelProvider> CreateProviderAsync(ChannelProvider provider);

    Task<ChannelProvider> UpdateProviderAsync(ChannelProvider provider);

    Task DeleteProviderAsync(string id);

    [ReadOnly]
    Task<IReadOnlyList<ChannelConnector>> ListConnectorsAsync();

    /// <summary>The connector and its first key (shown once; stored only sealed).</summary>
    Task<CreatedConnector> CreateConnectorAsync(ChannelConnector connector);

    Task<ChannelConnector> UpdateConnectorAsync(ChannelConnector connector);

    Task DeleteConnectorAsync(string id);

    /// <summary>A new key for the connector; the previous ones stay good for <paramref name="overlapSeconds"/> (default a day).</summary>
    Task<RotatedConnectorSecret> RotateConnectorSecretAsync(string connectorId, int? overlapSeconds);

    /// <summary>
    /// Replaces one of the provider secrets a connector's kind keeps (<see cref="Domain.ConnectorRules.ProviderSecretNames"/>),
    /// such as Twilio's auth token; stored sealed, never shown.
    /// </summary>
    Task SetProviderSecretAsync(string connectorId, string name, string secret);

    /// <summary>Each provider secret the connector's kind keeps, and whether it is set: names only, never a value.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ProviderSecretState>> ListProviderSecretsAsync(string connectorId);

    [ReadOnly]
    Task<IReadOnlyList<Channel>> ListChannelsAsync();

    Task<Channel> CreateChannelAsync(Channel channel);

    Task<Channel> UpdateChannelAsync(Channel channel);

    Task DeleteChannelAsync(string serviceIdentifier);

    [ReadOnly]
    Task<IReadOnlyList<MessageTemplate>> ListTemplatesAsync();

    /// <summary>One template by id, without copying the others; null when there is none.</summary>
    [ReadOnly]
    Task<MessageTemplate?> FindTemplateAsync(string id);

    Task<MessageTemplate> CreateTemplateAsync(MessageTemplate template);

    Task<MessageTemplate> UpdateTemplateAsync(MessageTemplate template);

    Task DeleteTemplateAsync(string id);

    [ReadOnly]
    Task<ControllerSettings> GetControllerSettingsAsync();

    Task<ControllerSettings> UpdateControllerSettingsAsync(ControllerSettings settings);
}
