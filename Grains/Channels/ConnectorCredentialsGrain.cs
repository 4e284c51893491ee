using Conversations.Storage;

namespace Conversations.Channels;

public sealed class ConnectorCredentialsGrain(
    [PersistentState(StateNames.ConnectorCredentials, StorageNames.GrainState)] IPersistentState<ConnectorCredentialsState> credentials)
    : Grain, IConnectorCredentialsGrain
{
    public Task<ConnectorCredentials?> GetAsync() =>
        Task.FromResult(credentials.State.Secrets is { } keys ? new ConnectorCredentials(keys, credentials.State.ProviderSecrets) : null);

    public async Task PublishAsync(ConnectorCredentials? published)
    {
        credentials.State.Secrets = published?.Keys;
        credentials.State.ProviderSecrets = published?.ProviderSecrets ?? new(StringComparer.Ordinal);
        await credentials.WriteStateAsync();
    }
}
