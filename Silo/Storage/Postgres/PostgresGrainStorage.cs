using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Grain state in PostgreSQL (Silo:GrainState=Postgres), read and written in group commits: the reads of all grains
/// activating at the same moment are one SELECT, their writes one statement and one transaction. Opening a
/// conversation activates four grains one after the other, each reading and then writing its state, so with
/// Orleans' ADO.NET provider (a statement and a commit per grain per operation) every new conversation cost eight
/// transactions; here concurrent openings share them.
/// </summary>
/// <remarks>
/// Same table, key columns, versions and payload serializer as the ADO.NET provider's schema (migrations 0004 and
/// 0013), so a cluster can move between the two silo by silo. A version is the etag: a write presenting none may only
/// create the row, one presenting a version may only replace exactly that version; anything else changes nothing and
/// is an <see cref="InconsistentStateException"/> for that grain alone. Clearing stores an empty payload.
/// </remarks>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const int MaxBatch = 256;

    // The key columns are matched exactly as 0013's unique index is built, so each input row is one index lookup.
    private const string KeyMatch = """
        g.service_id = @service AND g.grain_type = k.grain_type AND g.grain_id_n0 = k.n0 AND g.grain_id_n1 = k.n1
        AND coalesce(g.grain_id_extension, '') = coalesce(k.ext, '') AND (g.grain_id_extension IS NULL) = (k.ext IS NULL)
        """;

    // The statements are fields rather than inline so the store tests can check their query plans.
    internal const string ReadSql = $"""
        SELECT k.ord, g.payload, g.version
        FROM unnest(@types, @n0, @n1, @ext) WITH ORDINALITY AS k(grain_type, n0, n1, ext, ord)
        JOIN orleans_grain_state g ON {KeyMatch}
        """;

    // One statement: replaces the rows whose version matches, creates the rows presented without a version unless
    // they exist, and returns the new version of each input row it changed. The row count of each is known up front.
    internal const string WriteSql = $"""
        WITH k AS (
            SELECT * FROM unnest(@types, @n0, @n1, @ext, @payloads, @expected) WITH ORDINALITY AS k(grain_type, n0, n1, ext, payload, expected, ord)
        ), replaced AS (
            UPDATE orleans_grain_state g
            SET payload = k.payload, version = g.version + 1, modified_at = now()
            FROM k
            WHERE k.expected IS NOT NULL AND {KeyMatch} AND g.version = k.expected
            RETURNING k.ord, g.version
        ), created AS (
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
            SELECT @service, grain_type, n0, n1, ext, payload, 1 FROM k WHERE expected IS NULL
            ON CONFLICT DO NOTHING
            RETURNING grain_type, grain_id_n0, grain_id_n1, grain_id_extension
        )
        SELECT ord, version FROM replaced
        UNION ALL
        SELECT k.ord, 1 FROM created c
        JOIN k ON k.expected IS NULL AND k.grain_type = c.grain_type AND k.n0 = c.grain_id_n0 AND k.n1 = c.grain_id_n1
              AND k.ext IS NOT DISTINCT FROM c.grain_id_extension
        """;

    private readonly string _name;
    private readonly string _serviceId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IGrainStorageSerializer _serializer;
    private readonly GroupCommit<GrainStateKey, StoredState?> _reads;
    private readonly GroupCommit<StateWrite, int?> _writes;

    public PostgresGrainStorage(string name, string serviceId, NpgsqlDataSource dataSource, IGrainStorageSerializer serializer, ILogger<PostgresGrainStorage> logger)
    {
        _name = name;
        _serviceId = serviceId;
        _dataSource = dataSource;
        _serializer = serializer;
        _reads = new GroupCommit<GrainStateKey, StoredState?>(ReadBatchAsync, MaxBatch, logger);
        _writes = new GroupCommit<StateWrite, int?>(WriteBatchAsync, MaxBatch, logger);
    }

    /// <summary>How many read and write statements have run: shows how many grains shared each.</summary>
    public (long Reads, long Writes) Batches => (_reads.Batches, _writes.Batches);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await _reads.RunAsync(GrainStateKey.Of(stateName, grainId));
        var payload = stored?.Payload;
        grainState.State = payload is null ? Activator.CreateInstance<T>() : _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = stored?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        await StoreAsync(stateName, grainId, grainState, payload);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await StoreAsync(stateName, grainId, grainState, payload: null);
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _reads.DisposeAsync();
    }

    private async Task StoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[]? payload)
    {
        int? expected = grainState.ETag is { } etag ? int.Parse(etag, CultureInfo.InvariantCulture) : null;
        var version = await _writes.RunAsync(new StateWrite(GrainStateKey.Of(stateName, grainId), payload, expected))
            ?? throw new InconsistentStateException(
                $"Version conflict: provider {_name}, service {_serviceId}, state {stateName}, grain {grainId}, etag {grainState.ETag ?? "none"}.",
                storedEtag: null, currentEtag: grainState.ETag);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<StoredState?>> ReadBatchAsync(IReadOnlyList<GrainStateKey> keys)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        AddKeys(command, keys);
        var found = new StoredState?[keys.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[reader.GetInt64(0) - 1] = new StoredState(reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1), reader.GetInt32(2));
        }

        return found;
    }

    private async Task<IReadOnlyList<int?>> WriteBatchAsync(IReadOnlyList<StateWrite> writes)
    {
        var versions = new int?[writes.Count];
        // A grain's writes reach us one after the other, but should two of one grain meet in a batch they go in rounds.
        foreach (var round in Rounds.Of([.. writes.Select(w => w.Key)]))
        {
            var batch = round.Select(index => (write: writes[index], index)).ToList();
            await using var command = _dataSource.CreateCommand(WriteSql);
            AddKeys(command, [.. batch.Select(w => w.write.Key)]);
            command.AddArray("payloads", NpgsqlDbType.Bytea, batch.Select(w => w.write.Payload));
            command.AddArray("expected", NpgsqlDbType.Integer, batch.Select(w => w.write.Expected));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                versions[batch[(int)reader.GetInt64(0) - 1].index] = reader.GetInt32(1);
            }
        }

        return versions;
    }

    private void AddKeys(NpgsqlCommand command, IReadOnlyList<GrainStateKey> keys)
    {
        command.Parameters.AddWithValue("service", _serviceId);
        command.AddArray("types", NpgsqlDbType.Varchar, keys.Select(k => k.StateName));
        command.AddArray("n0", NpgsqlDbType.Bigint, keys.Select(k => k.N0));
        command.AddArray("n1", NpgsqlDbType.Bigint, keys.Select(k => k.N1));
        command.AddArray("ext", NpgsqlDbType.Varchar, keys.Select(k => k.Extension));
    }

    private sealed record StoredState(byte[]? Payload, int Version);

    private sealed record StateWrite(GrainStateKey Key, byte[]? Payload, int? Expected);
}
