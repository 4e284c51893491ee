using System.Globalization;
using Conversations.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Grain state in PostgreSQL (Silo:GrainState=Postgres), read and written in group commits: the reads of all grains
/// activating at the same moment are one round trip and one transaction, and so are their writes. Opening a
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

    /// <summary>A write weighs one more per this many bytes of payload, so a batch of big states stays a few MiB.</summary>
    private const int BytesPerWeight = 16 * 1024;

    // The key columns are matched exactly as 0013's unique index is built, so the row is one index lookup.
    private const string KeyMatch = """
        service_id = @service AND grain_type = @type AND grain_id_n0 = @n0 AND grain_id_n1 = @n1
        AND coalesce(grain_id_extension, '') = coalesce(@ext, '') AND (grain_id_extension IS NULL) = (@ext IS NULL)
        """;

    // The statements are fields rather than inline so the store tests can check their query plans.
    internal const string ReadSql = $"SELECT payload, version FROM orleans_grain_state WHERE {KeyMatch}";

    // A grain that holds a version replaces its row only at that version and gets the new version back, or nothing
    // when the row is at another version (a conflict).
    internal const string ReplaceSql = $"""
        UPDATE orleans_grain_state
        SET payload = @payload, version = version + 1, modified_at = now()
        WHERE {KeyMatch} AND version = @expected
        RETURNING version
        """;

    // Grains that hold no version create their rows, all of a batch's in one statement (a new conversation creates
    // four, and one INSERT of many rows costs PostgreSQL far less than as many INSERTs). A row that already exists is
    // left as it is and not returned: that grain's write is a conflict.
    internal const string CreateSql = """
        INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
        SELECT @service, created.type, created.n0, created.n1, created.ext, created.payload, 1
        FROM unnest(@types, @n0s, @n1s, @exts, @payloads) WITH ORDINALITY AS created(type, n0, n1, ext, payload, position)
        ORDER BY created.position
        ON CONFLICT DO NOTHING
        RETURNING grain_type, grain_id_n0, grain_id_n1, grain_id_extension
        """;

    private readonly string _name;
    private readonly string _serviceId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IGrainStorageSerializer _serializer;
    private readonly GroupCommit<GrainStateKey, StoredState?> _reads;
    private readonly GroupCommit<StateWrite, int?> _writes;

    public PostgresGrainStorage(
        string name, string serviceId, NpgsqlDataSource dataSource, IGrainStorageSerializer serializer, ILogger<PostgresGrainStorage> logger)
    {
        _name = name;
        _serviceId = serviceId;
        _dataSource = dataSource;
        _serializer = serializer;
        _reads = new GroupCommit<GrainStateKey, StoredState?>(ReadBatchAsync, MaxBatch, logger);
        _writes = new GroupCommit<StateWrite, int?>(
            WriteBatchAsync, MaxBatch, logger, write => 1 + (write.Payload?.Length ?? 0) / BytesPerWeight, write => write.Key.Row);
    }

    /// <summary>How many read and write batches (round trips, transactions) have run: shows how many grains shared each.</summary>
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
        // As the ADO.NET provider does: with no version in hand, clear what is stored (if anything) at its version.
        if (grainState.ETag is null && !grainState.RecordExists)
        {
            grainState.ETag = (await _reads.RunAsync(GrainStateKey.Of(stateName, grainId)))?.Version.ToString(CultureInfo.InvariantCulture);
        }

        if (grainState.ETag is not null)
        {
            await StoreAsync(stateName, grainId, grainState, payload: null);
        }

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
        int? expected = null;
        if (!string.IsNullOrWhiteSpace(grainState.ETag))
        {
            expected = int.TryParse(grainState.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : throw Conflict(stateName, grainId, grainState.ETag);
        }

        var stored = await _writes.RunAsync(new StateWrite(GrainStateKey.Of(stateName, grainId), payload, expected))
            ?? throw Conflict(stateName, grainId, grainState.ETag);
        grainState.ETag = stored.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Orleans answers this by reactivating the grain, which reads the stored state afresh.</summary>
    private InconsistentStateException Conflict(string stateName, GrainId grainId, string? etag) =>
        new($"Version conflict: provider {_name}, service {_serviceId}, state {stateName}, grain {grainId}, etag {etag ?? "none"}.",
            storedEtag: null, currentEtag: etag);

    // A batch is one statement per grain, sent together and run in one transaction: one round trip and one commit,
    // while each statement keeps the plan of a single-row lookup (one statement joining an array of keys was planned
    // as a hash join over the whole table while the table was small, and that plan stayed as it grew).
    private async Task<IReadOnlyList<StoredState?>> ReadBatchAsync(IReadOnlyList<GrainStateKey> keys)
    {
        await using var batch = _dataSource.CreateBatch();
        foreach (var key in keys)
        {
            batch.BatchCommands.Add(Command(ReadSql, key));
        }

        // Each statement's row, or none when nothing is stored.
        var rows = new StoredState?[keys.Count];
        await using var reader = await batch.ExecuteReaderAsync();
        for (var i = 0; i < rows.Length; i++, await reader.NextResultAsync())
        {
            if (await reader.ReadAsync())
            {
                rows[i] = new StoredState(reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt32(1));
            }
        }

        return rows;
    }

    // Creates go first (in the batch's row order), then the replaces in row order, so two replaces of one grain meet the
    // row in the order they came. Running a create before a replace that came ahead of it changes no outcome: a replace
    // presents a version, which its grain only holds for a row that exists, and this store never deletes a row (clearing
    // empties the payload). Nor can two silos' batches deadlock: an insert only holds rows that did not exist, and
    // creates and replaces each still lock in row order.
    private async Task<IReadOnlyList<int?>> WriteBatchAsync(IReadOnlyList<StateWrite> writes)
    {
        var creates = writes.Where(write => write.Expected is null).ToList();
        await using var batch = _dataSource.CreateBatch();
        if (creates.Count > 0)
        {
            batch.BatchCommands.Add(CreateCommand(creates));
        }

        foreach (var write in writes.Where(write => write.Expected is not null))
        {
            var command = Command(ReplaceSql, write.Key);
            command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Bytea) { Value = (object?)write.Payload ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Integer) { Value = write.Expected });
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync();
        var created = new HashSet<GrainStateKey>();
        if (creates.Count > 0)
        {
            while (await reader.ReadAsync())
            {
                created.Add(new GrainStateKey(
                    reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            await reader.NextResultAsync();
        }

        var results = new int?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i].Expected is null)
            {
                // Two creates of one row in a batch (two activations racing): the row counts for the first only.
                results[i] = created.Remove(writes[i].Key) ? 1 : null;
            }
            else
            {
                results[i] = await reader.ReadAsync() ? reader.GetInt32(0) : null;
                await reader.NextResultAsync();
            }
        }

        return results;
    }

    private NpgsqlBatchCommand CreateCommand(List<StateWrite> creates)
    {
        var command = new NpgsqlBatchCommand(CreateSql);
        command.Parameters.AddWithValue("service", _serviceId);
        command.AddArray("types", NpgsqlDbType.Varchar, creates.Select(c => c.Key.StateName));
        command.AddArray("n0s", NpgsqlDbType.Bigint, creates.Select(c => c.Key.N0));
        command.AddArray("n1s", NpgsqlDbType.Bigint, creates.Select(c => c.Key.N1));
        command.AddArray("exts", NpgsqlDbType.Varchar, creates.Select(c => c.Key.Extension));
        command.AddArray("payloads", NpgsqlDbType.Bytea, creates.Select(c => c.Payload));
        return command;
    }

    private NpgsqlBatchCommand Command(string sql, GrainStateKey key)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Varchar) { Value = key.StateName });
        command.Parameters.AddWithValue("n0", key.N0);
        command.Parameters.AddWithValue("n1", key.N1);
        command.Parameters.Add(new NpgsqlParameter("ext", NpgsqlDbType.Varchar) { Value = (object?)key.Extension ?? DBNull.Value });
        return command;
    }

    private sealed record StoredState(byte[]? Payload, int Version);

    private sealed record StateWrite(GrainStateKey Key, byte[]? Payload, int? Expected);
}
