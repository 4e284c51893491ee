using Conversations.Activities;
using Conversations.Silo.Storage.Postgres;
using Npgsql;

namespace Conversations.StoreTests;

public sealed class ActivityLogTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private PostgresActivityLog _log = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        _log = new PostgresActivityLog(_database.DataSource);
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Appended_activities_read_back_in_sequence_pages()
    {
        var written = new List<Activity>
        {
            TestActivities.Customer("c1", 1, "s1"),
            TestActivities.Bot("c1", 2),
            TestActivities.Agent("c1", 3),
        };
        await _log.AppendAsync(written);

        var first = await _log.ReadAsync("c1", 0, 2);
        var rest = await _log.ReadAsync("c1", first.NextAfterSequence, 2);

        Assert.Equal([1L, 2L], first.Items.Select(a => a.Sequence));
        Assert.True(first.HasMore);
        Assert.Equal([3L], rest.Items.Select(a => a.Sequence));
        Assert.False(rest.HasMore);
        var customer = first.Items[0];
        Assert.Equal(written[0] with { Data = null }, customer with { Data = null });
        Assert.Equal("de-CH", customer.Data!["locale"]);
        Assert.Equal(3, await _log.GetLastSequenceAsync("c1"));
        Assert.Equal(0, await _log.GetLastSequenceAsync("unknown"));
    }

    [Fact]
    public async Task Lost_deliveries_are_claimed_once_until_the_claim_expires_and_outcomes_reach_the_archive()
    {
        await _log.AppendAsync([TestActivities.Customer("d1", 1, "s1"), TestActivities.Bot("d1", 2), TestActivities.Agent("d1", 3), TestActivities.Bot("d1", 4)]);
        await _log.RecordDeliveryAsync("d1", 2, DeliveryOutcome.Delivered);
        var lostAfter = TimeSpan.FromMinutes(5);
        var now = TestActivities.Start.AddMinutes(5).AddSeconds(3.5);

        Assert.Equal([3L], (await Claim(now)).Select(a => a.Sequence));
        Assert.Empty(await Claim(now));
        Assert.Equal([4L], (await Claim(now.AddSeconds(1))).Select(a => a.Sequence));
        Assert.Equal([3L, 4L], (await Claim(now.AddMinutes(6))).Select(a => a.Sequence));

        await _database.ExecuteAsync("""
            INSERT INTO conversation (id, customer_id, state, created_at, channel_session_count, activity_count,
                                      customer_message_count, bot_message_count, agent_message_count, state_history, participants)
            VALUES ('d1', 'customer-1', 'Closed', now(), 0, 4, 1, 2, 1, '[]', '[]');
            INSERT INTO conversation_activity (conversation_id, sequence, kind, from_role, customer_id, occurred_at)
            VALUES ('d1', 3, 'AgentMessage', 'Agent', 'customer-1', now());
            """);
        await _log.RecordDeliveryAsync("d1", 3, DeliveryOutcome.Failed);
        Assert.Equal([4L], (await Claim(now.AddMinutes(20))).Select(a => a.Sequence));
        Assert.Empty(await Claim(now.AddDays(2)));
        var read = await _log.ReadAsync("d1", 0, 10);
        Assert.Equal([null, DeliveryOutcome.Delivered, DeliveryOutcome.Failed, null], read.Items.Select(a => a.Delivery));
        Assert.Equal("Failed", await _database.ScalarAsync<string>("SELECT delivery FROM conversation_activity WHERE conversation_id = 'd1' AND sequence = 3"));

        Task<IReadOnlyList<Activity>> Claim(DateTimeOffset at) => _log.ClaimLostDeliveriesAsync(at, lostAfter, TimeSpan.FromDays(1), 10);
    }

    [Fact]
    public async Task Many_concurrent_appends_are_group_committed_and_each_stored_once()
    {
        const int conversations = 20;
        const int perConversation = 15;
        var commitsBefore = _log.CommitCount;

        // While the test holds the table lock, the writer cannot commit, so every append below is
        // queued behind at most one in-flight batch and the rest must share the next one.
        List<Task> appends;
        await using (var blocker = await LockActivityTableAsync())
        {
            appends = Enumerable.Range(0, conversations)
                .SelectMany(c => Enumerable.Range(1, perConversation).Select(s => TestActivities.Customer($"gc{c}", s, $"gs{c}")))
                .Select(a => _log.AppendAsync([a]))
                .ToList();
            Assert.DoesNotContain(appends, a => a.IsCompleted);
        }

        await Task.WhenAll(appends);

        var commits = _log.CommitCount - commitsBefore;
        Assert.InRange(commits, 1, 2);
        Assert.Equal(conversations * perConversation, await _database.ScalarAsync<long>("SELECT count(*) FROM activity WHERE conversation_id LIKE 'gc%'"));
        for (var c = 0; c < conversations; c++)
        {
            var page = await _log.ReadAsync($"gc{c}", 0, ActivityPages.MaxLimit);
            Assert.Equal(Enumerable.Range(1, perConversation).Select(s => (long)s), page.Items.Select(a => a.Sequence));
        }

        // Rows written by one transaction share its transaction id (xmin): as many distinct ids as commits
        // proves each batch really was one transaction.
        Assert.Equal(commits, await _database.ScalarAsync<long>("SELECT count(DISTINCT xmin::text) FROM activity WHERE conversation_id LIKE 'gc%'"));
    }

    [Fact]
    public async Task A_customer_message_delivered_twice_is_stored_once()
    {
        var original = TestActivities.Customer("d1", 1, "ds1", connectorMessageId: "wamid.42");
        var redelivered = TestActivities.Customer("d2", 1, "ds2", connectorMessageId: "wamid.42");
        var sameIdOtherChannel = TestActivities.Customer("d3", 1, "ds3", connectorMessageId: "wamid.42", service: "sms-support");

        await Task.WhenAll(_log.AppendAsync([original]), _log.AppendAsync([redelivered]), _log.AppendAsync([sameIdOtherChannel]));
        await _log.AppendAsync([redelivered]);

        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT count(*) FROM activity WHERE connector_message_id = 'wamid.42' AND service_identifier = 'wa-support'"));
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT count(*) FROM activity WHERE connector_message_id = 'wamid.42' AND service_identifier = 'sms-support'"));
        var found = await _log.FindByConnectorMessageAsync("wa-support", "wamid.42");
        Assert.NotNull(found);
        Assert.Null(await _log.FindByConnectorMessageAsync("wa-support", "wamid.unknown"));
    }

    [Fact]
    public async Task A_retried_append_is_a_no_op()
    {
        var batch = new[] { TestActivities.Bot("r1", 1), TestActivities.Agent("r1", 2) };

        await _log.AppendAsync(batch);
        await _log.AppendAsync(batch);

        Assert.Equal(2, await _database.ScalarAsync<long>("SELECT count(*) FROM activity WHERE conversation_id = 'r1'"));
    }

    [Fact]
    public async Task A_failing_append_fails_only_its_own_caller()
    {
        // A null conversation id violates NOT NULL: that append must fail, its batch neighbours must not.
        // The table lock makes them queue together; the broken one sits in the middle, so whatever the
        // writer had already taken, it shares a batch with good appends.
        var broken = TestActivities.Bot(null!, 1);
        List<Task> good;
        Task bad;
        await using (var blocker = await LockActivityTableAsync())
        {
            good = Enumerable.Range(1, 5).Select(s => _log.AppendAsync([TestActivities.Bot("f1", s)])).ToList();
            bad = _log.AppendAsync([broken]);
            good.AddRange(Enumerable.Range(6, 5).Select(s => _log.AppendAsync([TestActivities.Bot("f1", s)])));
        }

        await Task.WhenAll(good);
        await Assert.ThrowsAsync<PostgresException>(() => bad);
        Assert.Equal(10, await _database.ScalarAsync<long>("SELECT count(*) FROM activity WHERE conversation_id = 'f1'"));
    }

    [Fact]
    public async Task Last_customer_activity_is_the_latest_customer_message_of_the_session()
    {
        await _log.AppendAsync([
            TestActivities.Customer("l1", 1, "ls1"),
            TestActivities.Customer("l1", 5, "ls1"),
            TestActivities.Bot("l1", 6) with { ChannelSessionId = "ls1" },
            TestActivities.Customer("l1", 7, "other"),
        ]);

        Assert.Equal(TestActivities.Start.AddSeconds(5), await _log.GetLastCustomerActivityAsync("ls1"));
        Assert.Null(await _log.GetLastCustomerActivityAsync("never"));
    }

    /// <summary>Holds an exclusive lock on the activity table until disposed, so appends cannot commit meanwhile.</summary>
    private async Task<TableLock> LockActivityTableAsync()
    {
        var connection = await _database.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("LOCK TABLE activity IN EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new TableLock(connection, transaction);
    }

    /// <summary>Rolling back ends the lock; the connection then goes back to the pool.</summary>
    private sealed class TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
