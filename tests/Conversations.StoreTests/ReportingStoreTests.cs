using Conversations.Activities;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Silo.Storage.Postgres;
using Npgsql;

namespace Conversations.StoreTests;

public sealed class ReportingStoreTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private PostgresActivityLog _log = null!;
    private PostgresReportingStore _reports = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        _log = new PostgresActivityLog(_database.DataSource);
        _reports = new PostgresReportingStore(_database.DataSource);
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Archiving_writes_the_conversation_its_sessions_and_a_copy_of_its_activities()
    {
        var conversation = await LoggedConversationAsync("a1");

        await _reports.ArchiveConversationAsync(conversation);

        await AssertArchivedOnceAsync(conversation);
    }

    [Fact]
    public async Task Archiving_twice_neither_duplicates_nor_loses_rows()
    {
        var conversation = await LoggedConversationAsync("a2");

        await _reports.ArchiveConversationAsync(conversation);
        await _reports.ArchiveConversationAsync(conversation);

        await AssertArchivedOnceAsync(conversation);
    }

    [Fact]
    public async Task A_run_that_failed_midway_leaves_nothing_and_the_rerun_archives_everything()
    {
        var conversation = await LoggedConversationAsync("a3");
        // Makes the activity copy, a step after the conversation and session rows, fail once.
        await _database.ExecuteAsync("""
            CREATE FUNCTION fail_archive() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'simulated crash during archiving'; END $$;
            CREATE TRIGGER fail_archive BEFORE INSERT ON conversation_activity FOR EACH ROW EXECUTE FUNCTION fail_archive();
            """);

        await Assert.ThrowsAsync<PostgresException>(() => _reports.ArchiveConversationAsync(conversation));
        Assert.Null(await _reports.FindConversationAsync("a3"));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT count(*) FROM channel_session WHERE conversation_id = 'a3'"));

        await _database.ExecuteAsync("DROP TRIGGER fail_archive ON conversation_activity");
        await _reports.ArchiveConversationAsync(conversation);

        await AssertArchivedOnceAsync(conversation);
    }

    [Fact]
    public async Task A_rerun_completes_an_archive_that_was_only_partly_written()
    {
        var conversation = await LoggedConversationAsync("a4");
        // The state an interrupted, non-transactional writer could have left: the conversation row with
        // wrong counts and only some of the activity copies.
        await _database.ExecuteAsync("""
            INSERT INTO conversation (id, customer_id, state, created_at, channel_session_count, activity_count,
                                      customer_message_count, bot_message_count, agent_message_count, state_history, participants)
            VALUES ('a4', 'customer-1', 'Created', now(), 0, 99, 99, 99, 99, '[]', '[]');
            INSERT INTO conversation_activity (conversation_id, sequence, kind, from_role, participant_id, customer_id, channel_session_id,
                                               text, occurred_at, service_identifier, connector_message_id, data)
            SELECT conversation_id, sequence, kind, from_role, participant_id, customer_id, channel_session_id,
                   text, occurred_at, service_identifier, connector_message_id, data
            FROM activity WHERE conversation_id = 'a4' AND sequence <= 2;
            """);

        await _reports.ArchiveConversationAsync(conversation);

        await AssertArchivedOnceAsync(conversation);
    }

    private async Task<ConversationView> LoggedConversationAsync(string id)
    {
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
        Assert.Equal(1, await _database.ScalarAsync<long>($"SELECT count(*) FROM conversation WHERE id = '{conversation.Id}'"));
        Assert.Equal(2, await _database.ScalarAsync<long>($"SELECT count(*) FROM channel_session WHERE conversation_id = '{conversation.Id}'"));
    }
}
