using System.Text.Json;
using Conversations.Activities;
using Conversations.Agents;
using Conversations.Reporting;
using Conversations.Channels;
using Conversations.Silo.Storage.Postgres;

namespace Conversations.StoreTests;

/// <summary>PostgreSQL's task reports read exactly as the development profile's, over the same ended tasks.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TaskReportTests(PostgresFixture database)
{
    // Before the days the tests here write (and long after those of other tests), so no test writes tasks on it.
    private static readonly DateTimeOffset EmptyDay = new(2039, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // A day of its own far ahead, so rows of other tests in the shared database stay out of the range.
    private readonly DateTimeOffset _from = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 20_000));

    [Theory]
    [InlineData(TaskGrouping.Agent, 20)]
    [InlineData(TaskGrouping.ChannelType, 21)]
    [InlineData(TaskGrouping.Service, 5)]
    public async Task Report_OverTheSameTasks_IsTheInMemoryStoresToTheDecimal(TaskGrouping by, int serviceLevelSeconds)
    {
        var postgres = new PostgresReportingStore(database.DataSource);
        var inMemory = new InMemoryReportingStore(new InMemoryActivityLog());
        foreach (var task in Tasks())
        {
            await postgres.RecordAgentTaskAsync(task);
            await inMemory.RecordAgentTaskAsync(task);
        }

        var query = new TaskReportQuery(_from, _from.AddHours(8), by, serviceLevelSeconds).Validated();
        var expected = await inMemory.ReportAgentTasksAsync(query);
        var actual = await postgres.ReportAgentTasksAsync(query);

        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        Assert.Equal((5, 4, 1), (actual.Total.Tasks, actual.Total.Answered, actual.Total.Unanswered));
        Assert.DoesNotContain("a3", actual.Rows.Select(r => r.Key));
        Assert.Equal(new Dictionary<string, int> { ["RESOLVED"] = 2, ["SALE"] = 1 }, actual.Total.WrapUpCodes);
    }

    [Fact]
    public async Task Report_OfARangeWithoutTasks_HasNoRowsAndAZeroTotal()
    {
        var report = await new PostgresReportingStore(database.DataSource)
            .ReportAgentTasksAsync(new TaskReportQuery(EmptyDay, EmptyDay.AddDays(1), TaskGrouping.Agent, 20));

        Assert.Empty(report.Rows);
        Assert.Equal((0, 0m, null), (report.Total.Tasks, report.Total.ServiceLevel, report.Total.AverageWaitSeconds));
    }

    /// <summary>Waits of 10 s, 20.4 s, 20.5 s and 2.5 s (rounded to 10, 20, 21 and 3), one offered to a3 and never answered, one after the range.</summary>
    private IEnumerable<AgentTaskView> Tasks() =>
    [
        Answered("a1", "WHATSAPP", "wa-1", minute: 0, waitMs: 10_000, handleMs: 300_000, "RESOLVED"),
        Answered("a1", "WHATSAPP", "wa-1", minute: 1, waitMs: 20_400, handleMs: 100_500, "RESOLVED", "SALE"),
        Answered("a2", "SMS", "sms-1", minute: 2, waitMs: 20_500, handleMs: 60_000),
        Answered("a2", "WHATSAPP", "wa-2", minute: 3, waitMs: 2_500, handleMs: 1_499),
        Task("a3", "WHATSAPP", "wa-1", minute: 4, answered: null, ended: _from.AddMinutes(4).AddSeconds(45), AgentTaskStatus.Abandoned),
        Answered("a1", "SMS", "sms-1", minute: 8 * 60, waitMs: 1_000, handleMs: 1_000),
    ];

    private AgentTaskView Answered(string agent, string type, string service, int minute, int waitMs, int handleMs, params string[] codes)
    {
        var answered = _from.AddMinutes(minute).AddMilliseconds(waitMs);
        return Task(agent, type, service, minute, answered, answered.AddMilliseconds(handleMs), AgentTaskStatus.Closed, codes);
    }

    private AgentTaskView Task(
        string? agent, string type, string service, int minute, DateTimeOffset? answered, DateTimeOffset ended, AgentTaskStatus state, params string[] codes) =>
        new(
            "task-" + Guid.NewGuid().ToString("N"),
            new AgentTaskSpec("conv-" + Guid.NewGuid().ToString("N"), "cust-1", service, type, RoutingMode.Push, null, TimeSpan.FromSeconds(30), null),
            state, agent, _from.AddMinutes(minute), answered, answered, null, ended, codes, null,
            state == AgentTaskStatus.Abandoned ? AgentTaskEndReason.Abandoned : AgentTaskEndReason.Completed, [], null);
}
