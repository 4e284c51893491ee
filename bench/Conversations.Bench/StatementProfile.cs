using System.Globalization;
using Npgsql;

namespace Conversations.Bench;

/// <summary>
/// Which statements a phase ran and how often, from pg_stat_statements (loaded by start-stores.sh; skipped where the
/// server does not have it): reset before the phase, read after, each statement's calls per operation of the phase.
/// This is where the commits per message come from.
/// </summary>
public sealed class StatementProfile(string connectionString)
{
    private bool _available = true;

    public async Task ResetAsync()
    {
        try
        {
            await ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await ExecuteAsync("SELECT pg_stat_statements_reset()");
        }
        catch (PostgresException)
        {
            _available = false;
        }
    }

    /// <summary>The most called statements since the reset, with calls and milliseconds per operation.</summary>
    public async Task<IReadOnlyList<string>> TopAsync(int operations, int top = 12)
    {
        if (!_available)
        {
            return ["(pg_stat_statements is not loaded on this server)"];
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            """
            SELECT calls, total_exec_time, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT ILIKE '%pg_stat_statements%'
            ORDER BY calls DESC
            LIMIT @top
            """,
            connection);
        read.Parameters.AddWithValue("top", top);
        var lines = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (calls, ms, query) = (reader.GetInt64(0), reader.GetDouble(1), reader.GetString(2));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{calls / (double)Math.Max(1, operations),7:F2} calls {ms / Math.Max(1, operations),7:F3} ms  {(query.Length > 110 ? query[..110] + "..." : query)}"));
        }

        return lines;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
