using Conversations.Connectors;

namespace Conversations.Channels;

/// <summary>
/// One connector's secrets, sealed, as the catalog last published them (key <see cref="GrainKeys.ConnectorCredentials"/>):
/// gateways checking inbound calls and silos signing deliveries read them here, so neither waits on the catalog.
/// </summary>
public interface IConnectorCredentialsGrain : IGrainWithStringKey
{
    /// <summary>The sealed secrets, or null when there is no such connector.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ConnectorSecret>?> GetAsync();

    Task PublishAsync(IReadOnlyList<ConnectorSecret>? secrets);
}
