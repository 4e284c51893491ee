using Conversations.Storage;

namespace Conversations.Channels;

public sealed class ChannelGrain(
    [PersistentState(StateNames.Channel, StorageNames.GrainState)] IPersistentState<ChannelState> channel,
    ChannelDirectory directory)
    : Grain, IChannelGrain
{
    public Task<ResolvedChannel?> GetAsync() => Task.FromResult(channel.State.Channel);

    public async Task PublishAsync(ResolvedChannel? resolved)
    {
        if (channel.State.Channel == resolved)
        {
            return;
        }

        channel.State.Channel = resolved;
        await channel.WriteStateAsync();
        directory.Forget(this.GetPrimaryKeyString()[GrainKeys.ChannelPrefix.Length..]);
    }
}
