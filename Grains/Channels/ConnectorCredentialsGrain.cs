using Conversations.Connectors;
using Conversations.Storage;

namespace Conversations.Channels;

public sealed class ConnectorCredentialsGrain(
    [PersistentState(StateNames.ConnectorCredentials, StorageNames.GrainState)] IPersistentState<ConnectorCredentialsState> credentials)
    : Grain, IConnectorCredentialsGrain
{
    public Task<IReadOnlyList<ConnectorSecret>?> GetAsync() => Task.FromResult(credentials.State.Secrets);

    public async Task PublishAsync(IReadOnlyList<ConnectorSecret>? secrets)
    {
        credentials.State.Secrets = secrets;
        await credentials.WriteStateAsync();
    }
}
