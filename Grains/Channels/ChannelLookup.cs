namespace Conversations.Channels;

/// <summary>
/// Channels as one grain activation last saw them: looked up once, refreshed whenever a caller brings the
/// current configuration (an inbound message always does).
/// </summary>
internal sealed class ChannelLookup(IGrainFactory grains)
{
    private readonly Dictionary<string, ResolvedChannel> _channels = new(StringComparer.Ordinal);

    public void Remember(ResolvedChannel channel) => _channels[channel.Channel.ServiceIdentifier] = channel;

    /// <summary>Null when the channel no longer exists.</summary>
    public async Task<ResolvedChannel?> FindAsync(string serviceIdentifier)
    {
        if (!_channels.TryGetValue(serviceIdentifier, out var channel)
            && await grains.GetGrain<IChannelGrain>(GrainKeys.Channel(serviceIdentifier)).GetAsync() is { } found)
        {
            _channels[serviceIdentifier] = channel = found;
        }

        return channel;
    }
}
