namespace Conversations.Channels;

/// <summary>One configured channel, keyed by <see cref="GrainKeys.Channel"/>; read on every inbound event.</summary>
public interface IChannelGrain : IGrainWithStringKey
{
    /// <summary>The channel as configured, or null when no channel has this service identifier.</summary>
    [ReadOnly]
    Task<ResolvedChannel?> GetAsync();

    Task PublishAsync(ResolvedChannel? channel);
}
