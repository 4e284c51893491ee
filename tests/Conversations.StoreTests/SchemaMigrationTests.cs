using Conversations.Silo.Storage.Postgres;

namespace Conversations.StoreTests;

public sealed class SchemaMigrationTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task First_run_applies_every_migration_and_a_second_run_applies_none()
    {
        var first = await _database.MigrateAsync();
        var second = await _database.MigrateAsync();

        Assert.Equal(SchemaMigration.Embedded.Count, first);
        Assert.Equal(0, second);
        await AssertOneConsistentSchemaAsync();
    }

    [Fact]
    public async Task Concurrent_runs_apply_each_migration_exactly_once()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(_database.MigrateAsync)));

        Assert.Equal(SchemaMigration.Embedded.Count, runs.Sum());
        await AssertOneConsistentSchemaAsync();
    }

    [Fact]
    public async Task Every_query_key_the_Orleans_AdoNet_providers_read_is_registered()
    {
        await _database.MigrateAsync();
        var required = ProviderQueryKeys.Required();
        // Spot checks that the reflection really found the providers' keys, including the 10.x clean-up of defunct silos.
        Assert.Contains("CleanupDefunctSiloEntriesKey", required);
        Assert.Contains("ReadRangeRows2Key", required);
        Assert.Contains("WriteToStorageKey", required);

        var missing = new List<string>();
        foreach (var key in required)
        {
            if (await _database.ScalarAsync<long>($"SELECT count(*) FROM OrleansQuery WHERE QueryKey = '{key}'") != 1)
            {
                missing.Add(key);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_is_refused()
    {
        await _database.MigrateAsync();
        var edited = SchemaMigration.Embedded
            .Select(m => m.Version == 5 ? m with { Sql = m.Sql + "\n-- edited\n" } : m)
            .ToList();

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new PostgresSchema(_database.DataSource) { Migrations = edited }.MigrateAsync());
        Assert.Contains("0005_activity_log", refusal.Message);
    }

    private async Task AssertOneConsistentSchemaAsync()
    {
        var versions = await _database.ScalarAsync<string>("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version");
        Assert.Equal(string.Join(',', SchemaMigration.Embedded.Select(m => m.Version)), versions);

        // Each table exists once in the public schema, and the query table holds one row per key.
        foreach (var table in new[] { "orleansquery", "orleans_membership", "orleans_reminder", "orleans_grain_state", "activity", "conversation", "channel_session", "conversation_activity", "agent_task" })
        {
            Assert.Equal(1L, await _database.ScalarAsync<long>($"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"));
        }

        Assert.Equal(
            await _database.ScalarAsync<long>("SELECT count(DISTINCT QueryKey) FROM OrleansQuery"),
            await _database.ScalarAsync<long>("SELECT count(*) FROM OrleansQuery"));
    }
}
