using Conversations.Silo.Storage.Postgres;
using Npgsql;
using Conversations.Testing;

namespace Conversations.StoreTests;

/// <summary>A fresh, empty database on the test server; disposing drops it.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string _name;

    private PostgresTestDatabase(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = TestStores.UniqueName("conv_test_");
        await using (var server = NpgsqlDataSource.Create(TestStores.PostgresServer))
        await using (var create = server.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresTestDatabase(name, new NpgsqlConnectionStringBuilder(TestStores.PostgresServer) { Database = name }.ConnectionString);
    }

    /// <summary>Applies the production schema, as a silo would at start.</summary>
    public Task<int> MigrateAsync() => new PostgresSchema(DataSource).MigrateAsync();

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var server = NpgsqlDataSource.Create(TestStores.PostgresServer);
        await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
