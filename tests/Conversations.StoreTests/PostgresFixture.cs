using Npgsql;

namespace Conversations.StoreTests;

/// <summary>
/// The one migrated database every store test shares: created and migrated once per run, dropped after it.
/// Tests keep apart by unique ids and keys; the few that need a fresh database (the schema migrations
/// themselves) make their own <see cref="PostgresTestDatabase"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    public string ConnectionString => _database.ConnectionString;

    public NpgsqlDataSource DataSource => _database.DataSource;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        await _database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public Task<T> ScalarAsync<T>(string sql) => _database.ScalarAsync<T>(sql);

    public Task ExecuteAsync(string sql) => _database.ExecuteAsync(sql);
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
