namespace Conversations.Channels;

/// <summary>
/// One connector's credentials, sealed, as the catalog last published them (key <see cref="GrainKeys.ConnectorCredentials"/>):
/// gateways checking inbound calls and silos signing deliveries read them here, so neither waits on the catalog.
/// </summary>
public interface IConnectorCredentialsGrain : IGrainWithStringKey
{
    /// <summary>The sealed credentials, or null when there is no such connector.</summary>
    [ReadOnly]
    Task<ConnectorCredentials?> GetAsync();

    Task PublishAsync(ConnectorCredentials? credentials);
}
