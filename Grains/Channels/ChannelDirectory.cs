using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels;

/// <summary>
/// The channels as this silo knows them, so the inbound path never waits on a shared grain. An entry is
/// served as it is; once older than <see cref="RefreshAfter"/> it is refreshed in the background, one refresh
/// at a time, and kept if the refresh fails (its channel grain may live on a silo that just died). The
/// catalog drops this silo's entry when it changes a channel; other silos see the change within the refresh time.
/// </summary>
public sealed partial class ChannelDirectory(IGrainFactory grains, TimeProvider time, ILogger<ChannelDirectory> logger)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Null when the channel does not exist.</summary>
    public async Task<ResolvedChannel?> FindAsync(string serviceIdentifier)
    {
        if (!_entries.TryGetValue(serviceIdentifier, out var entry))
        {
            var channel = await FetchAsync(serviceIdentifier);
            if (channel is not null)
            {
                _entries[serviceIdentifier] = new Entry(channel, time.GetUtcNow());
            }

            return channel;
        }

        if (time.GetUtcNow() - entry.FetchedAt >= RefreshAfter && entry.TryStartRefresh())
        {
            RefreshAsync(serviceIdentifier, entry).Ignore();
        }

        return entry.Channel;
    }

    /// <summary>The channel changed or went: the next message reads it anew.</summary>
    public void Forget(string serviceIdentifier) => _entries.TryRemove(serviceIdentifier, out _);

    private Task<ResolvedChannel?> FetchAsync(string serviceIdentifier) =>
        grains.Get<IChannelGrain>(GrainKeys.Channel(serviceIdentifier)).GetAsync();

    private async Task RefreshAsync(string serviceIdentifier, Entry stale)
    {
        try
        {
            var channel = await FetchAsync(serviceIdentifier);
            if (channel is null)
            {
                _entries.TryRemove(KeyValuePair.Create(serviceIdentifier, stale));
            }
            else
            {
                _entries.TryUpdate(serviceIdentifier, new Entry(channel, time.GetUtcNow()), stale);
            }
        }
        catch (Exception e)
        {
            stale.RefreshFailed();
            LogRefreshFailed(e, serviceIdentifier);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ServiceIdentifier} could not be refreshed; its last known configuration stays in use")]
    private partial void LogRefreshFailed(Exception exception, string serviceIdentifier);

    private sealed class Entry(ResolvedChannel channel, DateTimeOffset fetchedAt)
    {
        private int _refreshing;

        public ResolvedChannel Channel { get; } = channel;

        public DateTimeOffset FetchedAt { get; } = fetchedAt;

        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;

        public void RefreshFailed() => Interlocked.Exchange(ref _refreshing, 0);
    }
}
