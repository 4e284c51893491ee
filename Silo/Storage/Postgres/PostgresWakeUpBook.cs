using Conversations.Timing;
using Npgsql;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>The production wake-up book: the <c>wake_up</c> table, shared by every silo of the cluster.</summary>
public sealed class PostgresWakeUpBook(NpgsqlDataSource dataSource) : IWakeUpBook
{
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

    public async Task BookAsync(GrainId grain, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(BookSql);
        command.Parameters.AddWithValue("grain", grain.ToString());
        command.Parameters.AddWithValue("due", dueAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CancelAsync(GrainId grain, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(CancelSql);
        command.Parameters.AddWithValue("grain", grain.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GrainId>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(TakeDueSql);
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
}
