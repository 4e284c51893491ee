using Conversations.Silo.Storage.Postgres;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigrationTests(PostgresFixture migrated)
{
    [Fact]
    public async Task Migrate_EmptyDatabaseTwice_FirstRunAppliesEveryMigrationAndSecondNone()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        var first = await database.MigrateAsync();
        var second = await database.MigrateAsync();

        Assert.Equal(SchemaMigration.Embedded.Count, first);
        Assert.Equal(0, second);
        await AssertOneConsistentSchemaAsync(database);
    }

    [Fact]
    public async Task Migrate_FourRunsAtOnceOnAnEmptyDatabase_ApplyEachMigrationExactlyOnce()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(database.MigrateAsync)));

        Assert.Equal(SchemaMigration.Embedded.Count, runs.Sum());
        await AssertOneConsistentSchemaAsync(database);
    }

    [Fact]
    public async Task Migrate_Applied_RegistersEveryQueryKeyTheOrleansAdoNetProvidersRead()
    {
        var required = ProviderQueryKeys.Required();
        // Spot checks that the reflection really found the providers' keys, including the 10.x clean-up of defunct silos.
        Assert.Contains("CleanupDefunctSiloEntriesKey", required);
        Assert.Contains("ReadRangeRows2Key", required);
        Assert.Contains("WriteToStorageKey", required);

        var missing = new List<string>();
        foreach (var key in required)
        {
            if (await migrated.ScalarAsync<long>($"SELECT count(*) FROM OrleansQuery WHERE QueryKey = '{key}'") != 1)
            {
                missing.Add(key);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Migrate_AppliedMigrationEdited_IsRefused()
    {
        var edited = SchemaMigration.Embedded
            .Select(m => m.Version == 5 ? m with { Sql = m.Sql + "\n-- edited\n" } : m)
            .ToList();

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new PostgresSchema(migrated.DataSource) { Migrations = edited }.MigrateAsync());
        Assert.Contains("0005_activity_log", refusal.Message);
    }

    private static async Task AssertOneConsistentSchemaAsync(PostgresTestDatabase database)
    {
        var versions = await database.ScalarAsync<string>("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version");
        Assert.Equal(string.Join(',', SchemaMigration.Embedded.Select(m => m.Version)), versions);

        // Each table exists once in the public schema, and the query table holds one row per key.
        foreach (var table in new[] { "orleansquery", "orleans_membership", "orleans_reminder", "orleans_grain_state", "activity", "conversation", "channel_session", "conversation_activity", "agent_task" })
        {
            Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"));
        }

        Assert.Equal(
            await database.ScalarAsync<long>("SELECT count(DISTINCT QueryKey) FROM OrleansQuery"),
            await database.ScalarAsync<long>("SELECT count(*) FROM OrleansQuery"));
    }
}
