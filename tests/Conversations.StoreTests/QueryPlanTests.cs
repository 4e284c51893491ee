using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Silo.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.StoreTests;

/// <summary>
/// Every statement the production profile runs against a table that grows with traffic finds its rows through an
/// index. A scan costs nothing on a small table and shows only as the table grows (grain-state statements once
/// scanned the whole table, bench/README.md "Query plans at 1M rows"), so instead of timing, each statement runs
/// under EXPLAIN ANALYZE, rolled back, on a few thousand rows shaped like production's, and its plan must read few
/// of them. Sequential scans are disabled, as the planner would rule them out on a big table: one still chosen
/// means no index can serve the statement, and an index that serves it badly shows as rows read and dropped.
/// </summary>
public sealed class QueryPlanTests(QueryPlanTests.FilledDatabase database) : IClassFixture<QueryPlanTests.FilledDatabase>
{
    private const string ServiceId = "conversations";
    private const string Conversation = "conv-8f14e45fceea167a5a36dedd4bea2543";
    // Of 4,000 rows per table: the statements' own results (up to 100 for the batch statements) and a few more.
    private const long AtMostRowsRead = 200;

    private static readonly string[] GrowingTables =
        ["orleans_grain_state", "orleans_reminder", "wake_up", "activity", "conversation_activity"];

    // Delete every row of a deployment or service: only tests and cluster teardown call them.
    private static readonly string[] WholeTableKeys = ["DeleteMembershipTableEntriesKey", "DeleteReminderRowsKey"];

    public static TheoryData<string> OrleansKeys() => new(ProviderQueryKeys.Required().Except(WholeTableKeys));

    public static TheoryData<string> StoreStatements() => new(Statements.Keys);

    [Theory]
    [MemberData(nameof(OrleansKeys))]
    public async Task OrleansStatement_AtScale_FindsItsRowsThroughAnIndex(string key)
    {
        var sql = await database.ScalarAsync<string>($"SELECT QueryText FROM OrleansQuery WHERE QueryKey = '{key}'");
        var parameters = Regex.Matches(sql, @"@(\w+)").Select(m => m.Groups[1].Value).Distinct()
            .Select(name => new NpgsqlParameter(name, OrleansValue(key, name)));

        AssertIndexed(await ExplainAsync(sql.TrimEnd().TrimEnd(';'), parameters));
    }

    [Theory]
    [MemberData(nameof(StoreStatements))]
    public async Task StoreStatement_AtScale_FindsItsRowsThroughAnIndex(string name)
    {
        var (sql, parameters) = Statements[name];

        AssertIndexed(await ExplainAsync(sql, parameters()));
    }

    /// <summary>What the ADO.NET providers bind, with values that hit rows the fixture wrote.</summary>
    private static object OrleansValue(string key, string name) => name switch
    {
        "ServiceId" => ServiceId,
        "GrainTypeString" => "conversation",
        "GrainIdN0" or "GrainIdN1" => 0L,
        "GrainIdHash" or "GrainTypeHash" => 0,
        "GrainIdExtensionString" => Conversation,
        "GrainStateVersion" => 1,
        "PayloadBinary" => new byte[] { 1, 2, 3 },
        "GrainId" => "conversation/" + Conversation,
        "ReminderName" => "house-keeping",
        "StartTime" or "IAmAliveTime" => DateTime.UtcNow,
        "Period" => 600_000L,
        "GrainHash" => 12345,
        "Version" => 0,
        // A silo of several owns a slice of the ring; the wrapping statement gets a slice at both ends.
        "BeginHash" => key == "ReadRangeRows2Key" ? 2_130_000_000 : 0,
        "EndHash" => key == "ReadRangeRows2Key" ? -2_130_000_000 : 20_000_000,
        "DeploymentId" => "deployment",
        "Address" => "10.0.0.1",
        "Port" or "Generation" or "Status" or "ProxyPort" => 1,
        "SiloName" or "HostName" => "silo",
        "SuspectTimes" => DBNull.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"No value for {key}'s parameter."),
    };

    private static readonly Dictionary<string, (string Sql, Func<NpgsqlParameter[]> Parameters)> Statements = new()
    {
        ["ActivityAppend"] = (PostgresActivityLog.InsertSql, () =>
        [
            OneRow("c", NpgsqlDbType.Text, Conversation), OneRow("s", NpgsqlDbType.Bigint, 11L), OneRow("k", NpgsqlDbType.Text, "CustomerMessage"),
            OneRow("f", NpgsqlDbType.Text, "Customer"), OneRow<string?>("p", NpgsqlDbType.Text, null), OneRow("cu", NpgsqlDbType.Text, "cust-1"),
            OneRow("cs", NpgsqlDbType.Text, "cs-1"), OneRow("t", NpgsqlDbType.Text, "hello"), OneRow("o", NpgsqlDbType.TimestampTz, DateTime.UtcNow),
            OneRow("si", NpgsqlDbType.Text, "+15550000"), OneRow("cm", NpgsqlDbType.Text, "SM-new"), OneRow<string?>("d", NpgsqlDbType.Text, null),
            OneRow("se", NpgsqlDbType.Text, "+14440000001"), OneRow<string?>("at", NpgsqlDbType.Text, null),
        ]),
        ["ActivityCustomerMessagesSince"] = (PostgresActivityLog.CustomerMessagesSinceSql, () =>
            [new("customers", new[] { "cust-" + Conversation[5..] }), new("since", DateTimeOffset.UtcNow.AddDays(-1)), new("take", 1000)]),
        ["ActivityRead"] = (PostgresActivityLog.ReadSql, () => [new("conversation", Conversation), new("after", 2L), new("take", 51L)]),
        ["ActivityLastSequence"] = (PostgresActivityLog.LastSequenceSql, () => [new("conversation", Conversation)]),
        ["ActivityLastCustomerActivity"] = (PostgresActivityLog.LastCustomerActivitySql, () => [new("session", "cs-" + Conversation[5..])]),
        ["ActivityRecordDelivery"] = (PostgresActivityLog.RecordDeliverySql("activity"), DeliveryParameters),
        ["ArchiveRecordDelivery"] = (PostgresActivityLog.RecordDeliverySql("conversation_activity"), DeliveryParameters),
        ["ActivityListFailedDeliveries"] = (PostgresActivityLog.ListFailedDeliveriesSql, () => [new("take", 50L)]),
        ["ActivityReopenFailedDelivery"] = (PostgresActivityLog.ReopenFailedDeliverySql, () =>
            [new("now", DateTime.UtcNow), new("conversation", Conversation), new("sequence", 10L)]),
        ["ActivityRenewDeliveryClaims"] = (PostgresActivityLog.RenewDeliveryClaimsSql, () =>
            [new("now", DateTime.UtcNow), OneRow("conversations", NpgsqlDbType.Text, Conversation), OneRow("sequences", NpgsqlDbType.Bigint, 4L)]),
        ["ActivityClaimLostDeliveries"] = (PostgresActivityLog.ClaimLostDeliveriesSql, () =>
            [new("now", DateTime.UtcNow), new("lostBefore", DateTime.UtcNow.AddMinutes(-1)), new("loggedAfter", DateTime.UtcNow.AddDays(-1)), new("take", 100L)]),
        ["GrainStateRead"] = (PostgresGrainStorage.ReadSql, () => GrainStateKey(Conversation)),
        ["GrainStateReplace"] = (PostgresGrainStorage.ReplaceSql, () =>
            [.. GrainStateKey(Conversation), new("payload", new byte[] { 1 }), new("expected", NpgsqlDbType.Integer) { Value = 1 }]),
        ["GrainStateCreate"] = (PostgresGrainStorage.CreateSql, () =>
        [
            new("service", ServiceId), OneRow("types", NpgsqlDbType.Varchar, "conversation"), OneRow("n0s", NpgsqlDbType.Bigint, 0L),
            OneRow("n1s", NpgsqlDbType.Bigint, 0L), OneRow("exts", NpgsqlDbType.Varchar, "conv-new"), OneRow("payloads", NpgsqlDbType.Bytea, new byte[] { 1 }),
        ]),
        ["WakeUpBook"] = (PostgresWakeUpBook.BookSql, () => [new("grain", "conversation/conv-new"), new("due", DateTime.UtcNow)]),
        ["WakeUpCancel"] = (PostgresWakeUpBook.CancelSql, () => [new("grain", "conversation/" + Conversation)]),
        ["WakeUpTakeDue"] = (PostgresWakeUpBook.TakeDueSql, () =>
            [new("now", DateTime.UtcNow), new("until", DateTime.UtcNow.AddMinutes(1)), new("limit", 100)]),
    };

    /// <summary>A conversation's grain-state key, as the store binds it.</summary>
    private static NpgsqlParameter[] GrainStateKey(string conversation) =>
    [
        new("service", ServiceId), new("type", NpgsqlDbType.Varchar) { Value = "conversation" }, new("n0", (object)0L), new("n1", (object)0L),
        new("ext", NpgsqlDbType.Varchar) { Value = conversation },
    ];

    private static NpgsqlParameter[] DeliveryParameters() =>
    [
        new("outcome", "Delivered"), new("failure", NpgsqlDbType.Text) { Value = DBNull.Value },
        new("conversation", Conversation), new("sequence", 4L),
    ];

    private static NpgsqlParameter OneRow<T>(string name, NpgsqlDbType elementType, T value) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = new[] { value } };

    private async Task<JsonElement> ExplainAsync(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var noSeqScan = new NpgsqlCommand("SET LOCAL enable_seqscan = off", connection, transaction))
        {
            await noSeqScan.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, connection, transaction);
        command.Parameters.AddRange(parameters.ToArray());
        var plan = (string)(await command.ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        return JsonDocument.Parse(plan).RootElement[0].GetProperty("Plan").Clone();
    }

    private static void AssertIndexed(JsonElement node)
    {
        if (node.TryGetProperty("Relation Name", out var relation) && GrowingTables.Contains(relation.GetString()))
        {
            var type = node.GetProperty("Node Type").GetString();
            Assert.False(type == "Seq Scan", $"No index serves this read of {relation}:\n{node}");
            var read = new[] { "Actual Rows", "Rows Removed by Filter", "Rows Removed by Index Recheck" }
                .Sum(count => node.TryGetProperty(count, out var rows) ? rows.GetInt64() : 0) * node.GetProperty("Actual Loops").GetInt64();
            Assert.True(read <= AtMostRowsRead, $"{type} on {relation} reads {read} rows:\n{node}");
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                AssertIndexed(child);
            }
        }
    }

    /// <summary>
    /// A migrated database holding a few thousand rows per growing table, spread like production's: string grain
    /// keys (the provider sends GrainIdN0 = GrainIdN1 = 0 for all of them), reminder hashes over the whole ring,
    /// a tenth of the wake-ups due, conversations of ten activities with a few failed or waiting deliveries.
    /// </summary>
    public sealed class FilledDatabase : IAsyncLifetime
    {
        private PostgresTestDatabase _database = null!;

        public NpgsqlDataSource DataSource => _database.DataSource;

        public Task<T> ScalarAsync<T>(string sql) => _database.ScalarAsync<T>(sql);

        public async Task InitializeAsync()
        {
            _database = await PostgresTestDatabase.CreateAsync();
            await _database.MigrateAsync();
            await _database.ExecuteAsync("""
                INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
                SELECT 'conversations', t.grain_type, 0, 0, t.prefix || md5(i::text), decode(repeat('ab', 300), 'hex'), 1
                FROM (VALUES ('conversation', 'conv-'), ('customer', 'cust-')) AS t(grain_type, prefix), generate_series(1, 2000) AS i;
                INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
                SELECT 'conversations', 'counter', 0, i, NULL, '\x00', 1 FROM generate_series(1, 200) AS i;

                INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
                SELECT 'conversations', 'conversation/conv-' || md5(i::text), 'house-keeping', now(), 600000, hashtext(i::text), 0
                FROM generate_series(1, 4000) AS i;

                INSERT INTO orleans_membership_version (deployment_id) VALUES ('deployment');
                INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
                VALUES ('deployment', '10.0.0.1', 1, 1, 'silo', 'silo', 3, 1, now(), now());

                INSERT INTO wake_up (grain_id, due_at, taken_until)
                SELECT 'conversation/conv-' || md5(i::text), now() + ((i % 10) - 1) * interval '1 hour',
                       CASE WHEN i % 100 = 0 THEN now() + interval '1 minute' END
                FROM generate_series(1, 4000) AS i;

                INSERT INTO activity (conversation_id, sequence, kind, from_role, customer_id, channel_session_id, text, occurred_at,
                                      service_identifier, connector_message_id, sender, delivery, delivery_at)
                SELECT 'conv-' || md5(c::text), s,
                       CASE WHEN s % 2 = 1 THEN 'CustomerMessage' ELSE 'AgentMessage' END,
                       CASE WHEN s % 2 = 1 THEN 'Customer' ELSE 'Agent' END,
                       'cust-' || md5(c::text), 'cs-' || md5(c::text), 'hello', now() - (4000 - c * 10 - s) * interval '1 minute',
                       CASE WHEN s % 2 = 1 THEN '+1555000' || (c % 10) END,
                       CASE WHEN s % 2 = 1 THEN 'SM-' || c || '-' || s END,
                       CASE WHEN s % 2 = 1 THEN '+1444' || lpad(c::text, 7, '0') END,
                       CASE WHEN s % 2 = 1 THEN NULL WHEN c % 100 = 0 AND s = 10 THEN 'Failed' WHEN c > 395 THEN NULL ELSE 'Delivered' END,
                       CASE WHEN s % 2 = 1 OR c > 395 THEN NULL ELSE now() END
                FROM generate_series(1, 400) AS c, generate_series(1, 10) AS s;

                INSERT INTO conversation (id, customer_id, state, created_at, channel_session_count, activity_count, customer_message_count,
                                          bot_message_count, agent_message_count, state_history, participants)
                SELECT DISTINCT conversation_id, customer_id, 'Closed', now(), 1, 10, 5, 0, 5, '[]'::jsonb, '[]'::jsonb FROM activity;
                INSERT INTO conversation_activity (conversation_id, sequence, kind, from_role, customer_id, channel_session_id, text, occurred_at)
                SELECT conversation_id, sequence, kind, from_role, customer_id, channel_session_id, text, occurred_at FROM activity;

                ANALYZE;
                """);
        }

        public async Task DisposeAsync() => await _database.DisposeAsync();
    }
}
