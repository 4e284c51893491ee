using Conversations.Activities;
using Conversations.Inbound;
using Conversations.Silo.Storage.Postgres;
using Npgsql;
using Conversations.Testing;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class ActivityLogTests(PostgresFixture database) : IAsyncLifetime
{
    // A log of its own per test, so its commit count is the test's alone; the database is shared.
    private readonly PostgresActivityLog _log = new(database.DataSource);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _log.DisposeAsync();

    [Fact]
    public async Task Read_AppendedActivities_ComeBackInSequencePages()
    {
        var id = TestStores.UniqueName("c-");
        var written = new List<Activity>
        {
            TestActivities.Customer(id, 1, $"{id}-s1"),
            TestActivities.Bot(id, 2),
            TestActivities.Agent(id, 3),
        };
        await _log.AppendAsync(written);

        var first = await _log.ReadAsync(id, 0, 2);
        var rest = await _log.ReadAsync(id, first.NextAfterSequence, 2);

        Assert.Equal([1L, 2L], first.Items.Select(a => a.Sequence));
        Assert.True(first.HasMore);
        Assert.Equal([3L], rest.Items.Select(a => a.Sequence));
        Assert.False(rest.HasMore);
        var customer = first.Items[0];
        Assert.Equal(written[0] with { Data = null }, customer with { Data = null });
        Assert.Equal("de-CH", customer.Data!["locale"]);
        Assert.Equal(3, await _log.GetLastSequenceAsync(id));
        Assert.Equal(0, await _log.GetLastSequenceAsync(TestStores.UniqueName("unknown-")));
    }

    [Fact]
    public async Task ClaimLostDeliveries_OutboundWithoutOutcome_ClaimedOnceUntilTheClaimExpiresAndOutcomesReachTheArchive()
    {
        // Claims range over the whole log, so this test starts from an empty one: other tests' bot messages
        // would be claimed too.
        await database.ExecuteAsync("TRUNCATE activity");
        var id = TestStores.UniqueName("d-");
        await _log.AppendAsync([TestActivities.Customer(id, 1, $"{id}-s1"), TestActivities.Bot(id, 2), TestActivities.Agent(id, 3), TestActivities.Bot(id, 4)]);
        await _log.RecordDeliveryAsync(id, 2, DeliveryOutcome.Delivered);
        var lostAfter = TimeSpan.FromMinutes(5);
        var now = TestActivities.Start.AddMinutes(5).AddSeconds(3.5);

        Assert.Equal([3L], (await Claim(now)).Select(a => a.Sequence));
        Assert.Empty(await Claim(now));
        Assert.Equal([4L], (await Claim(now.AddSeconds(1))).Select(a => a.Sequence));
        Assert.Equal([3L, 4L], (await Claim(now.AddMinutes(6))).Select(a => a.Sequence));

        await database.ExecuteAsync($"""
            INSERT INTO conversation (id, customer_id, state, created_at, channel_session_count, activity_count,
                                      customer_message_count, bot_message_count, agent_message_count, state_history, participants)
            VALUES ('{id}', 'customer-1', 'Closed', now(), 0, 4, 1, 2, 1, '[]', '[]');
            INSERT INTO conversation_activity (conversation_id, sequence, kind, from_role, customer_id, occurred_at)
            VALUES ('{id}', 3, 'AgentMessage', 'Agent', 'customer-1', now());
            """);
        await _log.RecordDeliveryAsync(id, 3, DeliveryOutcome.Failed);
        Assert.Equal([4L], (await Claim(now.AddMinutes(20))).Select(a => a.Sequence));
        Assert.Empty(await Claim(now.AddDays(2)));
        var read = await _log.ReadAsync(id, 0, 10);
        Assert.Equal([null, DeliveryOutcome.Delivered, DeliveryOutcome.Failed, null], read.Items.Select(a => a.Delivery));
        Assert.Equal("Failed", await database.ScalarAsync<string>($"SELECT delivery FROM conversation_activity WHERE conversation_id = '{id}' AND sequence = 3"));

        Task<IReadOnlyList<Activity>> Claim(DateTimeOffset at) => _log.ClaimLostDeliveriesAsync(at, lostAfter, TimeSpan.FromDays(1), 10);
    }

    [Fact]
    public async Task Append_MessageWithAttachments_ReadsThemBack()
    {
        var id = TestStores.UniqueName("a-");
        List<MessageAttachment> attachments =
        [
            new("image/jpeg", null, null, AttachmentSource.TwilioMedia, "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"),
            new("application/pdf", "invoice.pdf", 52_133, AttachmentSource.WhatsAppMedia, "1013859600285441"),
        ];
        await _log.AppendAsync([TestActivities.Customer(id, 1, $"{id}-s1") with { Attachments = attachments }, TestActivities.Bot(id, 2)]);

        var read = (await _log.ReadAsync(id, 0, 10)).Items;

        Assert.Equal(attachments, read[0].Attachments);
        Assert.Null(read[1].Attachments);
    }

    [Fact]
    public async Task RecordDelivery_ProviderReports_OnlyMoveForward()
    {
        var id = TestStores.UniqueName("p-");
        await _log.AppendAsync([TestActivities.Bot(id, 1), TestActivities.Bot(id, 2), TestActivities.Bot(id, 3)]);

        foreach (var outcome in new[] { DeliveryOutcome.Delivered, DeliveryOutcome.Sent, DeliveryOutcome.Read, DeliveryOutcome.Delivered, DeliveryOutcome.Failed })
        {
            await _log.RecordDeliveryAsync(id, 1, outcome, "late");
        }

        await _log.RecordDeliveryAsync(id, 2, DeliveryOutcome.Sent);
        await _log.RecordDeliveryAsync(id, 2, DeliveryOutcome.Failed, "30008 Unknown error");
        await _log.RecordDeliveryAsync(id, 2, DeliveryOutcome.Delivered);
        await _log.RecordDeliveryAsync(id, 3, DeliveryOutcome.Sent);
        await _log.RecordDeliveryAsync(id, 3, DeliveryOutcome.Sent, "again");

        Assert.Equal(
            new (DeliveryOutcome?, string?)[] { (DeliveryOutcome.Read, "late"), (DeliveryOutcome.Failed, "30008 Unknown error"), (DeliveryOutcome.Sent, null) },
            (await _log.ReadAsync(id, 0, 10)).Items.Select(a => (a.Delivery, a.DeliveryFailure)));
    }

    [Fact]
    public async Task RecordDelivery_ReportsArrivingTogether_EachJudgedInTheOrderItCame()
    {
        // A provider's reports for many messages at once share statements; those of one message still apply in order.
        var id = TestStores.UniqueName("t-");
        await _log.AppendAsync([.. Enumerable.Range(1, 20).Select(s => TestActivities.Bot(id, s))]);

        // Called in this order: Sent, Delivered, 2..20 Delivered, Read, a late Sent, an unknown message.
        var reports = new List<Task<bool>>
        {
            _log.RecordDeliveryAsync(id, 1, DeliveryOutcome.Sent),
            _log.RecordDeliveryAsync(id, 1, DeliveryOutcome.Delivered),
        };
        reports.AddRange(Enumerable.Range(2, 19).Select(s => _log.RecordDeliveryAsync(id, s, DeliveryOutcome.Delivered)));
        reports.Add(_log.RecordDeliveryAsync(id, 1, DeliveryOutcome.Read));
        reports.Add(_log.RecordDeliveryAsync(id, 1, DeliveryOutcome.Sent, "late"));
        reports.Add(_log.RecordDeliveryAsync(id, 99, DeliveryOutcome.Sent));
        var changed = await Task.WhenAll(reports);

        Assert.Equal([.. Enumerable.Repeat(true, 22), false, false], changed);
        var delivery = (await _log.ReadAsync(id, 0, 50)).Items.Select(a => (a.Sequence, a.Delivery, a.DeliveryFailure)).ToList();
        Assert.Equal((1L, DeliveryOutcome.Read, (string?)null), delivery[0]);
        Assert.All(delivery.Skip(1), d => Assert.Equal(DeliveryOutcome.Delivered, d.Delivery));
    }

    [Fact]
    public async Task ListFailedDeliveries_FailedWithReasons_LatestFirstUntilReopened()
    {
        var id = TestStores.UniqueName("f-");
        await _log.AppendAsync([TestActivities.Bot(id, 1), TestActivities.Agent(id, 2), TestActivities.Bot(id, 3)]);
        await _log.RecordDeliveryAsync(id, 1, DeliveryOutcome.Failed, "HTTP 404 Not Found");
        await _log.RecordDeliveryAsync(id, 2, DeliveryOutcome.Delivered);
        await _log.RecordDeliveryAsync(id, 3, DeliveryOutcome.Failed, "retry window closed");

        Assert.Equal([(3L, "retry window closed"), (1L, "HTTP 404 Not Found")], (await FailedAsync()).Select(a => (a.Sequence, a.DeliveryFailure)));
        Assert.Equal(
            new (DeliveryOutcome?, string?)[] { (DeliveryOutcome.Failed, "HTTP 404 Not Found"), (DeliveryOutcome.Delivered, null), (DeliveryOutcome.Failed, "retry window closed") },
            (await _log.ReadAsync(id, 0, 10)).Items.Select(a => (a.Delivery, a.DeliveryFailure)));

        var reopened = await _log.ReopenFailedDeliveryAsync(id, 3, TestActivities.Start.AddMinutes(30));

        Assert.Equal((3L, null, null), (reopened!.Sequence, reopened.Delivery, reopened.DeliveryFailure));
        Assert.Null(await _log.ReopenFailedDeliveryAsync(id, 3, TestActivities.Start.AddMinutes(30)));
        Assert.Null(await _log.ReopenFailedDeliveryAsync(id, 2, TestActivities.Start.AddMinutes(30)));
        Assert.Equal([1L], (await FailedAsync()).Select(a => a.Sequence));
        Assert.Equal(TestActivities.Start.AddMinutes(30).UtcDateTime, await database.ScalarAsync<DateTime>(
            $"SELECT redelivery_claimed_at FROM activity WHERE conversation_id = '{id}' AND sequence = 3"));

        async Task<List<Activity>> FailedAsync() => [.. (await _log.ListFailedDeliveriesAsync(1000)).Where(a => a.ConversationId == id)];
    }

    [Fact]
    public async Task RenewDeliveryClaims_MessagesStillDelivering_NotClaimedAsLostUntilTheRenewalExpires()
    {
        // Claims range over the whole log, so this test starts from an empty one.
        await database.ExecuteAsync("TRUNCATE activity");
        var id = TestStores.UniqueName("h-");
        await _log.AppendAsync([TestActivities.Bot(id, 1), TestActivities.Agent(id, 2)]);
        var lostAfter = TimeSpan.FromMinutes(5);

        await _log.RenewDeliveryClaimsAsync([new DeliveryKey(id, 1), new DeliveryKey(id, 7)], TestActivities.Start.AddMinutes(10));

        Assert.Equal([2L], (await Claim(TestActivities.Start.AddMinutes(12))).Select(a => a.Sequence));
        Assert.Equal([1L], (await Claim(TestActivities.Start.AddMinutes(16))).Select(a => a.Sequence));

        Task<IReadOnlyList<Activity>> Claim(DateTimeOffset at) => _log.ClaimLostDeliveriesAsync(at, lostAfter, TimeSpan.FromDays(1), 10);
    }

    [Fact]
    public async Task Append_ManyAtOnce_GroupCommittedAndEachStoredOnce()
    {
        var prefix = TestStores.UniqueName("gc-");
        const int conversations = 20;
        const int perConversation = 15;
        var commitsBefore = _log.CommitCount;

        // While the test holds the table lock, the writer cannot commit, so every append below is
        // queued behind at most one in-flight batch and the rest must share the next one.
        List<Task> appends;
        await using (var blocker = await LockActivityTableAsync())
        {
            appends = Enumerable.Range(0, conversations)
                .SelectMany(c => Enumerable.Range(1, perConversation).Select(s => TestActivities.Customer($"{prefix}-{c}", s, $"{prefix}-s{c}")))
                .Select(a => _log.AppendAsync([a]))
                .ToList();
            Assert.DoesNotContain(appends, a => a.IsCompleted);
        }

        await Task.WhenAll(appends);

        var commits = _log.CommitCount - commitsBefore;
        Assert.InRange(commits, 1, 2);
        Assert.Equal(conversations * perConversation, await database.ScalarAsync<long>($"SELECT count(*) FROM activity WHERE conversation_id LIKE '{prefix}-%'"));
        for (var c = 0; c < conversations; c++)
        {
            var page = await _log.ReadAsync($"{prefix}-{c}", 0, ActivityPages.MaxLimit);
            Assert.Equal(Enumerable.Range(1, perConversation).Select(s => (long)s), page.Items.Select(a => a.Sequence));
        }

        // Rows written by one transaction share its transaction id (xmin): as many distinct ids as commits
        // proves each batch really was one transaction.
        Assert.Equal(commits, await database.ScalarAsync<long>($"SELECT count(DISTINCT xmin::text) FROM activity WHERE conversation_id LIKE '{prefix}-%'"));
    }

    [Fact]
    public async Task Append_SameConnectorMessageTwice_StoresItOncePerChannel()
    {
        var id = TestStores.UniqueName("d-");
        var messageId = TestStores.UniqueName("wamid.");
        var original = TestActivities.Customer($"{id}-1", 1, $"{id}-s1", connectorMessageId: messageId);
        var redelivered = TestActivities.Customer($"{id}-2", 1, $"{id}-s2", connectorMessageId: messageId);
        var sameIdOtherChannel = TestActivities.Customer($"{id}-3", 1, $"{id}-s3", connectorMessageId: messageId, service: "sms-support");

        await Task.WhenAll(_log.AppendAsync([original]), _log.AppendAsync([redelivered]), _log.AppendAsync([sameIdOtherChannel]));
        await _log.AppendAsync([redelivered]);

        Assert.Equal(1, await database.ScalarAsync<long>($"SELECT count(*) FROM activity WHERE connector_message_id = '{messageId}' AND service_identifier = 'wa-support'"));
        Assert.Equal(1, await database.ScalarAsync<long>($"SELECT count(*) FROM activity WHERE connector_message_id = '{messageId}' AND service_identifier = 'sms-support'"));
        var found = await FindAsync(new ConnectorMessageKey("wa-support", TestActivities.Sender, messageId));
        Assert.Equal(original with { Data = null }, found! with { Data = null });
        Assert.Null(await FindAsync(new ConnectorMessageKey("wa-support", TestActivities.Sender, TestStores.UniqueName("wamid."))));
    }

    [Fact]
    public async Task Append_SameConnectorMessageFromTwoSenders_StoresTwoMessagesEachFoundByItsSender()
    {
        var id = TestStores.UniqueName("d-");
        var messageId = TestStores.UniqueName("wamid.");
        var first = TestActivities.Customer($"{id}-1", 1, $"{id}-s1", connectorMessageId: messageId, sender: "+41791111111");
        var second = TestActivities.Customer($"{id}-2", 1, $"{id}-s2", connectorMessageId: messageId, sender: "+41792222222");

        await Task.WhenAll(_log.AppendAsync([first]), _log.AppendAsync([second]));
        await _log.AppendAsync([second]);

        Assert.Equal(2, await database.ScalarAsync<long>($"SELECT count(*) FROM activity WHERE connector_message_id = '{messageId}'"));
        Assert.Equal(first.ConversationId, (await FindAsync(new ConnectorMessageKey("wa-support", "+41791111111", messageId)))!.ConversationId);
        Assert.Equal(second.ConversationId, (await FindAsync(new ConnectorMessageKey("wa-support", "+41792222222", messageId)))!.ConversationId);
    }

    [Fact]
    public async Task ReadCustomerMessagesSince_MoreThanTheLimit_TheLatestOfThatCustomerSinceThen()
    {
        var id = TestStores.UniqueName("l-");
        var customer = $"{id}-customer";
        var messages = Enumerable.Range(1, 4).Select(n => TestActivities.Customer($"{id}-c", n, $"{id}-s") with { CustomerId = customer }).ToArray();
        await _log.AppendAsync([.. messages, TestActivities.Bot($"{id}-c", 5) with { CustomerId = customer }]);

        var latest = await _log.ReadCustomerMessagesSinceAsync([customer], TestActivities.Start.AddSeconds(2), limit: 2);

        Assert.Equal([3L, 4L], latest.Select(a => a.Sequence).Order());
    }

    [Fact]
    public async Task Append_SameBatchAgain_IsANoOp()
    {
        var id = TestStores.UniqueName("r-");
        var batch = new[] { TestActivities.Bot(id, 1), TestActivities.Agent(id, 2) };

        await _log.AppendAsync(batch);
        await _log.AppendAsync(batch);

        Assert.Equal(2, await database.ScalarAsync<long>($"SELECT count(*) FROM activity WHERE conversation_id = '{id}'"));
    }

    [Fact]
    public async Task Append_OneFailingAmongQueuedAppends_FailsOnlyItsOwnCaller()
    {
        var id = TestStores.UniqueName("f-");
        // A null conversation id violates NOT NULL: that append must fail, its batch neighbours must not.
        // The table lock makes them queue together; the broken one sits in the middle, so whatever the
        // writer had already taken, it shares a batch with good appends.
        var broken = TestActivities.Bot(null!, 1);
        List<Task> good;
        Task bad;
        await using (var blocker = await LockActivityTableAsync())
        {
            good = Enumerable.Range(1, 5).Select(s => _log.AppendAsync([TestActivities.Bot(id, s)])).ToList();
            bad = _log.AppendAsync([broken]);
            good.AddRange(Enumerable.Range(6, 5).Select(s => _log.AppendAsync([TestActivities.Bot(id, s)])));
        }

        await Task.WhenAll(good);
        await Assert.ThrowsAsync<PostgresException>(() => bad);
        Assert.Equal(10, await database.ScalarAsync<long>($"SELECT count(*) FROM activity WHERE conversation_id = '{id}'"));
    }

    [Fact]
    public async Task GetLastCustomerActivity_SessionWithMessages_IsItsLatestCustomerMessage()
    {
        var id = TestStores.UniqueName("l-");
        var session = $"{id}-s1";
        await _log.AppendAsync([
            TestActivities.Customer(id, 1, session),
            TestActivities.Customer(id, 5, session),
            TestActivities.Bot(id, 6) with { ChannelSessionId = session },
            TestActivities.Customer(id, 7, $"{id}-other"),
        ]);

        Assert.Equal(TestActivities.Start.AddSeconds(5), await _log.GetLastCustomerActivityAsync(session));
        Assert.Null(await _log.GetLastCustomerActivityAsync($"{id}-never"));
    }

    /// <summary>Holds an exclusive lock on the activity table until disposed, so appends cannot commit meanwhile.</summary>
    private async Task<TableLock> LockActivityTableAsync()
    {
        var connection = await database.DataSource.OpenConnectionAsync();
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

    /// <summary>The customer message logged under the key, among the test customer's messages.</summary>
    private async Task<Activity?> FindAsync(ConnectorMessageKey key) =>
        (await _log.ReadCustomerMessagesSinceAsync(["customer-1"], TestActivities.Start.AddYears(-1), limit: 1_000_000))
            .SingleOrDefault(a => new ConnectorMessageKey(a.ServiceIdentifier!, a.Sender!, a.ConnectorMessageId!) == key);
}
