using Conversations.Timing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// The production wake-up book: the <c>wake_up</c> table, shared by every silo of the cluster. Bookings and
/// cancellations go in group commits: every grain opening a conversation books its deadline, and those of grains
/// doing so at the same moment share one statement and one commit.
/// </summary>
public sealed class PostgresWakeUpBook : IWakeUpBook, IAsyncDisposable
{
    private const int MaxBatch = 500;

    // The statements are fields rather than inline so the store tests can check their query plans.
    // One statement books the entries with a due time and deletes those without; a batch names each grain once.
    internal const string ChangeSql = """
        WITH k AS (
            SELECT * FROM unnest(@grains, @dues) AS k(grain_id, due_at)
        ), booked AS (
            INSERT INTO wake_up (grain_id, due_at)
            SELECT grain_id, due_at FROM k WHERE due_at IS NOT NULL
            ON CONFLICT (grain_id) DO UPDATE SET due_at = excluded.due_at, taken_until = NULL
        )
        DELETE FROM wake_up w USING k WHERE k.due_at IS NULL AND w.grain_id = k.grain_id
        """;

    // SKIP LOCKED: silos looking at the same moment take different rows instead of waiting for each other.
    internal const string TakeDueSql = """
        UPDATE wake_up SET taken_until = @until
        WHERE grain_id IN (
            SELECT grain_id FROM wake_up
            WHERE due_at <= @now AND (taken_until IS NULL OR taken_until <= @now)
            ORDER BY due_at
            LIMIT @limit
            FOR UPDATE SKIP LOCKED)
        RETURNING grain_id
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<Change, bool> _changes;

    public PostgresWakeUpBook(NpgsqlDataSource dataSource, ILogger<PostgresWakeUpBook>? logger = null)
    {
        _dataSource = dataSource;
        _changes = new GroupCommit<Change, bool>(ChangeAsync, MaxBatch, logger ?? (ILogger)NullLogger<PostgresWakeUpBook>.Instance);
    }

    public Task BookAsync(GrainId grain, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        _changes.RunAsync(new Change(grain.ToString(), dueAt), cancellationToken);

    public Task CancelAsync(GrainId grain, CancellationToken cancellationToken = default) =>
        _changes.RunAsync(new Change(grain.ToString(), DueAt: null), cancellationToken);

    public ValueTask DisposeAsync() => _changes.DisposeAsync();

    public async Task<IReadOnlyList<GrainId>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(TakeDueSql);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("until", now + lease);
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<GrainId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(GrainId.Parse(reader.GetString(0)));
        }

        return due;
    }

    private async Task<IReadOnlyList<bool>> ChangeAsync(IReadOnlyList<Change> changes)
    {
        // Two changes of one grain in a batch go in rounds, in the order they came, so the later one stands.
        foreach (var round in Rounds.Of([.. changes.Select(c => c.GrainId)]))
        {
            await using var command = _dataSource.CreateCommand(ChangeSql);
            command.AddArray("grains", NpgsqlDbType.Text, round.Select(i => changes[i].GrainId));
            command.AddArray("dues", NpgsqlDbType.TimestampTz, round.Select(i => changes[i].DueAt?.UtcDateTime));
            await command.ExecuteNonQueryAsync();
        }

        return [.. changes.Select(_ => true)];
    }

    /// <summary>A booking, or with no due time a cancellation.</summary>
    private sealed record Change(string GrainId, DateTimeOffset? DueAt);
}
