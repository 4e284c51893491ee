using Conversations.Silo.Storage.Postgres;
using Npgsql;

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

    [Fact]
    public async Task Migrate_FromTheSchemaKeyedWithoutSender_KeepsOldMessagesAndKeysNewOnesBySender()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var before = SchemaMigration.Embedded.Where(m => m.Version < 9).ToList();
        await new PostgresSchema(database.DataSource) { Migrations = before }.MigrateAsync();
        await database.ExecuteAsync("""
            INSERT INTO activity (conversation_id, sequence, kind, from_role, customer_id, occurred_at, service_identifier, connector_message_id)
            VALUES ('conv-old', 1, 'CustomerMessage', 'Customer', 'customer-old', now(), 'wa-support', 'wamid.1')
            """);

        Assert.Equal(SchemaMigration.Embedded.Count - before.Count, await database.MigrateAsync());
        await using (var log = new PostgresActivityLog(database.DataSource))
        {
            var first = TestActivities.Customer("conv-1", 1, "cs-1", connectorMessageId: "wamid.1", sender: "+41791111111");
            var other = TestActivities.Customer("conv-2", 1, "cs-2", connectorMessageId: "wamid.1", sender: "+41792222222");
            await log.AppendAsync([first, other]);
            await log.AppendAsync([first with { ConversationId = "conv-3" }]);
        }

        Assert.Equal(
            "conv-1 +41791111111,conv-2 +41792222222,conv-old -",
            await database.ScalarAsync<string>("SELECT string_agg(conversation_id || ' ' || coalesce(sender, '-'), ',' ORDER BY conversation_id) FROM activity"));
    }

    [Fact]
    public async Task Migrate_FromTheGrainStateKeyedOnTheRawExtension_FindsEveryStoredGrainAndStillRefusesASecondRow()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var before = SchemaMigration.Embedded.Where(m => m.Version < 13).ToList();
        await new PostgresSchema(database.DataSource) { Migrations = before }.MigrateAsync();
        // A string key, and the same integer key without and with an empty extension: three grains, three rows.
        await database.ExecuteAsync("""
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
            VALUES ('svc', 'probe', 0, 0, 'probe-1', '\x01', 3), ('svc', 'probe', 0, 31, NULL, '\x02', 4), ('svc', 'probe', 0, 31, '', '\x03', 5)
            """);

        await database.MigrateAsync();

        Assert.Equal(3, await ReadVersionAsync(database, 0, "probe-1"));
        Assert.Equal(4, await ReadVersionAsync(database, 31, null));
        Assert.Equal(5, await ReadVersionAsync(database, 31, ""));
        await Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync("""
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
            VALUES ('svc', 'probe', 0, 31, NULL, '\x04', 1)
            """));
    }

    /// <summary>Reads one grain's version through the registered ReadFromStorageKey, bound as the provider binds it.</summary>
    private static async Task<int> ReadVersionAsync(PostgresTestDatabase database, long n1, string? extension)
    {
        var sql = await database.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'ReadFromStorageKey'");
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("ServiceId", "svc");
        command.Parameters.AddWithValue("GrainTypeString", "probe");
        command.Parameters.AddWithValue("GrainIdN0", 0L);
        command.Parameters.AddWithValue("GrainIdN1", n1);
        command.Parameters.AddWithValue("GrainIdExtensionString", (object?)extension ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var version = reader.GetInt32(1);
        Assert.False(await reader.ReadAsync());
        return version;
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
