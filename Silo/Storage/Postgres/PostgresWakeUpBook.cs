using Conversations.Timing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// The production wake-up book: the <c>wake_up</c> table, shared by every silo of the cluster. Bookings and
/// cancellations go in group commits: every grain opening a conversation books its deadline, and those of grains
/// doing so at the same moment share one round trip and one commit.
/// </summary>
public sealed class PostgresWakeUpBook : IWakeUpBook, IAsyncDisposable
{
    private const int MaxBatch = 500;

    // The statements are fields rather than inline so the store tests can check their query plans.
    internal const string BookSql = """
        INSERT INTO wake_up (grain_id, due_at) VALUES (@grain, @due)
        ON CONFLICT (grain_id) DO UPDATE SET due_at = excluded.due_at, taken_until = NULL
        """;

    internal const string CancelSql = "DELETE FROM wake_up WHERE grain_id = @grain";

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
        _changes = new GroupCommit<Change, bool>(
            ChangeAsync, MaxBatch, logger ?? (ILogger)NullLogger<PostgresWakeUpBook>.Instance, rowOf: change => change.GrainId);
    }

    // In UTC: Npgsql refuses another offset for timestamptz, and one refused value would fail a whole batch.
    public Task BookAsync(GrainId grain, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        _changes.RunAsync(new Change(grain.ToString(), dueAt.ToUniversalTime()), cancellationToken);

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

    // One statement per change, sent together and run in order in one transaction: the last change of a grain stands.
    private async Task<IReadOnlyList<bool>> ChangeAsync(IReadOnlyList<Change> changes)
    {
        await using var batch = _dataSource.CreateBatch();
        foreach (var change in changes)
        {
            var command = new NpgsqlBatchCommand(change.DueAt is null ? CancelSql : BookSql);
            command.Parameters.AddWithValue("grain", change.GrainId);
            if (change.DueAt is { } due)
            {
                command.Parameters.AddWithValue("due", due);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        return [.. changes.Select(_ => true)];
    }

    /// <summary>A booking, or with no due time a cancellation.</summary>
    private sealed record Change(string GrainId, DateTimeOffset? DueAt);
}
