using Conversations.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels;

/// <summary>
/// The channels as this silo knows them, so the inbound path never waits on a shared grain (see
/// <see cref="LocalCopies{TKey, TValue}"/>): a channel's grain drops this silo's copy when it changes; other silos see the
/// change within <see cref="RefreshAfter"/>.
/// </summary>
public sealed partial class ChannelDirectory
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(2);

    private readonly LocalCopies<string, ResolvedChannel> _copies;

    public ChannelDirectory(IGrainFactory grains, TimeProvider time, ILogger<ChannelDirectory> logger) =>
        _copies = new(
            serviceIdentifier => grains.Get<IChannelGrain>(GrainKeys.Channel(serviceIdentifier)).GetAsync(),
            RefreshAfter, time, (e, serviceIdentifier) => LogRefreshFailed(logger, e, serviceIdentifier));

    /// <summary>Null when the channel does not exist.</summary>
    public Task<ResolvedChannel?> FindAsync(string serviceIdentifier) => _copies.GetAsync(serviceIdentifier);

    /// <summary>The channel changed or went: the next message reads it anew.</summary>
    public void Forget(string serviceIdentifier) => _copies.Forget(serviceIdentifier);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ServiceIdentifier} could not be refreshed; its last known configuration stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string serviceIdentifier);
}
