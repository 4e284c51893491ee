using Conversations.Silo.Storage.Postgres;

namespace Conversations.StoreTests;

public sealed class AgentTaskReportingTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private PostgresReportingStore _reports = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        _reports = new PostgresReportingStore(_database.DataSource);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private static readonly DateTimeOffset Enqueued = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static AgentTaskRow Completed(string taskId) => new(
        taskId, "conv-1", "customer-1", "agent-7", "support", "wa-support", "WHATSAPP", "Push", "Closed",
        Enqueued, Enqueued.AddSeconds(20), Enqueued.AddSeconds(30), Enqueued.AddMinutes(5), Enqueued.AddMinutes(6),
        Enqueued.AddMinutes(6), ["SALE", "FOLLOW_UP"], "customer wants a call back", "Completed");

    [Fact]
    public async Task A_finished_task_is_one_row_with_its_handle_time()
    {
        var task = Completed("t1");

        await _reports.RecordAgentTaskRowAsync(task);
        var stored = await _reports.FindAgentTaskAsync("t1");

        Assert.NotNull(stored);
        Assert.Equal(task with { WrapUpCodes = [] }, stored.Task with { WrapUpCodes = [] });
        Assert.Equal(task.WrapUpCodes, stored.Task.WrapUpCodes);
        // Answered 30 s after enqueueing, ended at 6 min: 5 min 30 s of handle time, wrap-up included.
        Assert.Equal(330, stored.HandleTimeSeconds);
    }

    [Fact]
    public async Task Recording_a_task_again_replaces_its_row()
    {
        await _reports.RecordAgentTaskRowAsync(Completed("t2") with { State = "WrapUp", EndedAt = null, WrapUpCodes = [] });
        await _reports.RecordAgentTaskRowAsync(Completed("t2"));

        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT count(*) FROM agent_task WHERE task_id = 't2'"));
        var stored = await _reports.FindAgentTaskAsync("t2");
        Assert.Equal("Closed", stored!.Task.State);
        Assert.Equal(330, stored.HandleTimeSeconds);
    }

    [Fact]
    public async Task A_task_never_answered_has_no_handle_time()
    {
        await _reports.RecordAgentTaskRowAsync(Completed("t3") with
        {
            AgentId = null, OfferedAt = null, AnsweredAt = null, WrapUpStartedAt = null, WrapUpEndedAt = null,
            WrapUpCodes = [], WrapUpNotes = null, State = "Abandoned", EndReason = "Abandoned",
        });

        var stored = await _reports.FindAgentTaskAsync("t3");

        Assert.Null(stored!.HandleTimeSeconds);
        Assert.Null(await _reports.FindAgentTaskAsync("never"));
    }
}
