using Npgsql;

namespace Conversations.Bench;

/// <summary>
/// What the database alone does for the same durability: each operation is one single-row INSERT in its own
/// (auto-committed) transaction into a scratch table, with the same payload size as the messages. The table
/// is created for the run and dropped after it.
/// </summary>
public sealed class PostgresBaseline : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly string _payload;
    private readonly string _runId;

    private PostgresBaseline(NpgsqlDataSource dataSource, string table, string runId, int payloadBytes)
    {
        _dataSource = dataSource;
        _table = table;
        _runId = runId;
        _payload = new string('x', payloadBytes);
    }

    public static async Task<PostgresBaseline> CreateAsync(string connectionString, string runId, int clients, int payloadBytes)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(clients, 20) };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var table = $"bench_baseline_{runId}";
        await using var create = dataSource.CreateCommand(
            $"CREATE TABLE {table} (id text PRIMARY KEY, customer text NOT NULL, payload text NOT NULL, occurred_at timestamptz NOT NULL)");
        await create.ExecuteNonQueryAsync();
        return new PostgresBaseline(dataSource, table, runId, payloadBytes);
    }

    public async Task<bool> InsertAsync(int client, long n)
    {
        try
        {
            await using var insert = _dataSource.CreateCommand($"INSERT INTO {_table} (id, customer, payload, occurred_at) VALUES ($1, $2, $3, now())");
            insert.Parameters.Add(new NpgsqlParameter { Value = $"{_runId}-{client}-{n}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = $"client-{client}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = _payload });
            await insert.ExecuteNonQueryAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await using (var drop = _dataSource.CreateCommand($"DROP TABLE IF EXISTS {_table}"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _dataSource.DisposeAsync();
    }
}
