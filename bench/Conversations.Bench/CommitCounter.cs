using Npgsql;

namespace Conversations.Bench;

/// <summary>
/// PostgreSQL's count of committed transactions in the system's database (pg_stat_database), read before and after a
/// phase to give the commits each message cost (issue 13's target: at most one per message at load). Backends report
/// their counts about once a second, so the second read waits <see cref="Settle"/> after the phase.
/// </summary>
public sealed class CommitCounter(string connectionString)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public async Task<long> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await read.ExecuteScalarAsync())!;
    }
}
