using Conversations.Activities;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Silo.Storage.Postgres;
using Npgsql;
using Conversations.Testing;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class ReportingStoreTests(PostgresFixture database) : IAsyncLifetime
{
    private readonly PostgresActivityLog _log = new(database.DataSource);
    private readonly PostgresReportingStore _reports = new(database.DataSource);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _log.DisposeAsync();

    [Fact]
    public async Task ArchiveConversation_Logged_WritesTheConversationItsSessionsAndACopyOfItsActivities()
    {
        var conversation = await LoggedConversationAsync();

        await _reports.ArchiveConversationAsync(conversation);

        await AssertArchivedOnceAsync(conversation);
    }

    [Fact]
    public async Task ArchiveConversation_Twice_NeitherDuplicatesNorLosesRows()
    {
        var conversation = await LoggedConversationAsync();

        await _reports.ArchiveConversationAsync(conversation);
        await _reports.ArchiveConversationAsync(conversation);

        await AssertArchivedOnceAsync(conversation);
    }

    [Fact]
    public async Task ArchiveConversation_FailingMidway_LeavesNothingAndTheRerunArchivesEverything()
    {
        var conversation = await LoggedConversationAsync();
        // Makes the activity copy, a step after the conversation and session rows, fail for this conversation
        // only: the database is shared, so the trigger must neither hit other tests nor outlive this one.
        var trigger = TestStores.UniqueName("fail_archive_");
        await database.ExecuteAsync($"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'simulated crash during archiving'; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON conversation_activity FOR EACH ROW
                WHEN (NEW.conversation_id = '{conversation.Id}') EXECUTE FUNCTION {trigger}();
            """);
        try
        {
            await Assert.ThrowsAsync<PostgresException>(() => _reports.ArchiveConversationAsync(conversation));
            Assert.Null(await _reports.FindConversationAsync(conversation.Id));
            Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM channel_session WHERE conversation_id = '{conversation.Id}'"));
        }
        finally
        {
            await database.ExecuteAsync($"DROP TRIGGER {trigger} ON conversation_activity; DROP FUNCTION {trigger}();");
        }

        await _reports.ArchiveConversationAsync(conversation);

        await AssertArchivedOnceAsync(conversation);
    }

    [Fact]
    public async Task ArchiveConversation_PartlyWrittenBefore_CompletesTheArchive()
    {
        var conversation = await LoggedConversationAsync();
        // The state an interrupted, non-transactional writer could have left: the conversation row with
        // wrong counts and only some of the activity copies.
        await database.ExecuteAsync($"""
            INSERT INTO conversation (id, customer_id, state, created_at, channel_session_count, activity_count,
                                      customer_message_count, bot_message_count, agent_message_count, state_history, participants)
            VALUES ('{conversation.Id}', 'customer-1', 'Created', now(), 0, 99, 99, 99, 99, '[]', '[]');
            INSERT INTO conversation_activity (conversation_id, sequence, kind, from_role, participant_id, customer_id, channel_session_id,
                                               text, occurred_at, service_identifier, connector_message_id, data)
            SELECT conversation_id, sequence, kind, from_role, participant_id, customer_id, channel_session_id,
                   text, occurred_at, service_identifier, connector_message_id, data
            FROM activity WHERE conversation_id = '{conversation.Id}' AND sequence <= 2;
            """);

        await _reports.ArchiveConversationAsync(conversation);

        await AssertArchivedOnceAsync(conversation);
    }

    private async Task<ConversationView> LoggedConversationAsync()
    {
        var id = TestStores.UniqueName("a-");
        await _log.AppendAsync([
            TestActivities.Customer(id, 1, $"{id}-s1"),
            TestActivities.Bot(id, 2),
            TestActivities.Customer(id, 3, $"{id}-s1"),
            TestActivities.Agent(id, 4),
            TestActivities.Customer(id, 5, $"{id}-s2"),
        ]);

        var at = TestActivities.Start;
        ChannelSessionView Session(string sessionId, string service) => new(
            sessionId, id, "customer-1", service, "WHATSAPP", "+41790000000", SessionDirection.Inbound, ChannelSessionStatus.Closed,
            new Dictionary<string, string> { ["locale"] = "de-CH" }, at, at.AddMinutes(3), at.AddMinutes(10), at.AddMinutes(4),
            SessionCloseReason.CustomerLeft);

        return new ConversationView(
            id, "customer-1", ConversationStatus.Closing, at,
            [
                new StateChange(ConversationStatus.Created, at, null),
                new StateChange(ConversationStatus.Active, at.AddMinutes(1), ConversationEvent.AgentJoined),
                new StateChange(ConversationStatus.Closing, at.AddMinutes(5), ConversationEvent.AllAgentsLeft),
                new StateChange(ConversationStatus.Closed, at.AddMinutes(9), ConversationEvent.HouseKeepingCompleted),
            ],
            [Session($"{id}-s1", "wa-support"), Session($"{id}-s2", "web-chat")],
            [new Participant(ParticipantRole.Customer, "customer-1", at, at.AddMinutes(4)), new Participant(ParticipantRole.Agent, "agent-7", at.AddMinutes(1), at.AddMinutes(5))],
            SessionCloseReason.CustomerLeft);
    }

    private async Task AssertArchivedOnceAsync(ConversationView conversation)
    {
        var report = await _reports.FindConversationAsync(conversation.Id);
        Assert.NotNull(report);
        Assert.Equal("Closing", report.State);
        // Closed when the customer's conversation ended (Closing), for the customer's reason, not when house-keeping ran.
        Assert.Equal(TestActivities.Start.AddMinutes(5), report.ClosedAt);
        Assert.Equal(nameof(SessionCloseReason.CustomerLeft), report.CloseReason);
        Assert.Equal(2, report.ChannelSessionCount);
        Assert.Equal([$"{conversation.Id}-s1", $"{conversation.Id}-s2"], report.ChannelSessionIds);
        Assert.Equal(5, report.ActivityCount);
        Assert.Equal(3, report.CustomerMessageCount);
        Assert.Equal(1, report.BotMessageCount);
        Assert.Equal(1, report.AgentMessageCount);

        var archived = await _reports.ReadArchivedActivitiesAsync(conversation.Id);
        var live = await _log.ReadAsync(conversation.Id, 0, ActivityPages.MaxLimit);
        Assert.Equal(live.Items.Select(a => (a.Sequence, a.Kind, a.Text, a.OccurredAt)), archived.Select(a => (a.Sequence, a.Kind, a.Text, a.OccurredAt)));
        Assert.Equal(1, await database.ScalarAsync<long>($"SELECT count(*) FROM conversation WHERE id = '{conversation.Id}'"));
        Assert.Equal(2, await database.ScalarAsync<long>($"SELECT count(*) FROM channel_session WHERE conversation_id = '{conversation.Id}'"));
    }
}
