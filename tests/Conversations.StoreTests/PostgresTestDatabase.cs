using Conversations.Silo.Storage.Postgres;
using Npgsql;
using Conversations.Testing;

namespace Conversations.StoreTests;

/// <summary>A fresh database on the test server, created for one test class and dropped after it.</summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    public string Name { get; } = TestStores.UniqueName("conv_test_");

    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using (var server = NpgsqlDataSource.Create(TestStores.PostgresServer))
        await using (var create = server.CreateCommand($"CREATE DATABASE {Name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(TestStores.PostgresServer) { Database = Name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
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

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var server = NpgsqlDataSource.Create(TestStores.PostgresServer);
        await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
