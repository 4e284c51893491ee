using System.Collections.Concurrent;
using Conversations.Channels;
using Conversations.Connectors;
using Microsoft.Extensions.Logging;

namespace Conversations.Security;

/// <summary>
/// Connectors' secrets as this process knows them (the gateway checks inbound calls with them, a silo signs
/// deliveries), with the provider secrets of connectors that keep some (Twilio's auth token), read from each connector's
/// <see cref="IConnectorCredentialsGrain"/> and opened here. An entry is
/// read again once older than <see cref="RefreshAfter"/>, so a rotation or a deletion takes effect within that
/// time; while the grain cannot be reached (its silo just died) the last known secrets serve for up to
/// <see cref="StaleLimit"/>, so connectors keep working through a fail-over.
/// </summary>
public sealed partial class ConnectorSecrets(IGrainFactory grains, SecretBox box, TimeProvider time, ILogger<ConnectorSecrets> logger)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan StaleLimit = TimeSpan.FromMinutes(1);

    /// <summary>Unknown connector ids are remembered too (so a flood of made-up ids does not reach a grain each), up to this many entries.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The secrets of <paramref name="connectorId"/> good now, opened, newest first; null when there is no such connector.</summary>
    public async Task<IReadOnlyList<string>?> GoodNowAsync(string connectorId)
    {
        var now = time.GetUtcNow();
        var entry = await EntryAsync(connectorId, now);
        return entry.Credentials is { } credentials ? [.. ConnectorSecretRules.GoodAt(credentials.Keys, now).Select(s => s.Value)] : null;
    }

    /// <summary>
    /// The provider secret <paramref name="name"/> of <paramref name="connectorId"/> (such as Twilio's auth token), opened;
    /// null when it was not set or there is no such connector.
    /// </summary>
    public async Task<string?> ProviderSecretAsync(string connectorId, string name) =>
        (await EntryAsync(connectorId, time.GetUtcNow())).Credentials?.ProviderSecrets.GetValueOrDefault(name);

    private async Task<Entry> EntryAsync(string connectorId, DateTimeOffset now) =>
        _entries.TryGetValue(connectorId, out var entry) && entry.IsFresh(now) ? entry : await FetchAsync(connectorId, entry, now);

    private async Task<Entry> FetchAsync(string connectorId, Entry? stale, DateTimeOffset now)
    {
        ConnectorCredentials? sealedCredentials;
        try
        {
            sealedCredentials = await grains.GetGrain<IConnectorCredentialsGrain>(GrainKeys.ConnectorCredentials(connectorId)).GetAsync();
        }
        catch (Exception e) when (stale is not null && now - stale.FetchedAt < StaleLimit)
        {
            LogServedStale(e, connectorId);
            return stale;
        }

        var entry = new Entry(sealedCredentials is { } c ? Open(c) : null, now);
        if (entry.Credentials is not null || _entries.Count < MaxEntries)
        {
            _entries[connectorId] = entry;
        }

        return entry;
    }

    private ConnectorCredentials Open(ConnectorCredentials sealedCredentials) => new(
        [.. sealedCredentials.Keys.Select(s => s with { Value = box.Open(s.Value) })],
        sealedCredentials.ProviderSecrets.ToDictionary(s => s.Key, s => box.Open(s.Value), StringComparer.Ordinal));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The secrets of connector {ConnectorId} could not be read; the last known ones stay in use")]
    private partial void LogServedStale(Exception exception, string connectorId);

    private sealed record Entry(ConnectorCredentials? Credentials, DateTimeOffset FetchedAt)
    {
        // A clock set back makes the entry look younger than it is; read it again rather than trust it longer.
        public bool IsFresh(DateTimeOffset now) => now >= FetchedAt && now - FetchedAt < RefreshAfter;
    }
}
