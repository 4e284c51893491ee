using Conversations.Silo.Storage.Postgres;
using Conversations.Testing;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class AgentTaskReportingTests(PostgresFixture database)
{
    private static readonly DateTimeOffset Enqueued = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly PostgresReportingStore _reports = new(database.DataSource);

    private static AgentTaskRow Completed(string taskId) => new(
        taskId, "conv-1", "customer-1", "agent-7", "support", "wa-support", "WHATSAPP", "Push", "Closed",
        Enqueued, Enqueued.AddSeconds(20), Enqueued.AddSeconds(30), Enqueued.AddMinutes(5), Enqueued.AddMinutes(6),
        Enqueued.AddMinutes(6), ["SALE", "FOLLOW_UP"], "customer wants a call back", "Completed");

    [Fact]
    public async Task RecordAgentTask_Finished_OneRowWithItsHandleTime()
    {
        var task = Completed(TestStores.UniqueName("t-"));

        await _reports.RecordAgentTaskRowAsync(task);
        var stored = await _reports.FindAgentTaskAsync(task.TaskId);

        Assert.NotNull(stored);
        Assert.Equal(task with { WrapUpCodes = [] }, stored.Task with { WrapUpCodes = [] });
        Assert.Equal(task.WrapUpCodes, stored.Task.WrapUpCodes);
        // Answered 30 s after enqueueing, ended at 6 min: 5 min 30 s of handle time, wrap-up included.
        Assert.Equal(330, stored.HandleTimeSeconds);
    }

    [Fact]
    public async Task RecordAgentTask_Again_ReplacesItsRow()
    {
        var taskId = TestStores.UniqueName("t-");
        await _reports.RecordAgentTaskRowAsync(Completed(taskId) with { State = "WrapUp", EndedAt = null, WrapUpCodes = [] });
        await _reports.RecordAgentTaskRowAsync(Completed(taskId));

        Assert.Equal(1, await database.ScalarAsync<long>($"SELECT count(*) FROM agent_task WHERE task_id = '{taskId}'"));
        var stored = await _reports.FindAgentTaskAsync(taskId);
        Assert.Equal("Closed", stored!.Task.State);
        Assert.Equal(330, stored.HandleTimeSeconds);
    }

    [Fact]
    public async Task RecordAgentTask_NeverAnswered_HasNoHandleTime()
    {
        var taskId = TestStores.UniqueName("t-");
        await _reports.RecordAgentTaskRowAsync(Completed(taskId) with
        {
            AgentId = null, OfferedAt = null, AnsweredAt = null, WrapUpStartedAt = null, WrapUpEndedAt = null,
            WrapUpCodes = [], WrapUpNotes = null, State = "Abandoned", EndReason = "Abandoned",
        });

        var stored = await _reports.FindAgentTaskAsync(taskId);

        Assert.Null(stored!.HandleTimeSeconds);
        Assert.Null(await _reports.FindAgentTaskAsync(TestStores.UniqueName("never-")));
    }
}
