using Conversations.Reporting;
using static Conversations.UnitTests.Domain.Refusals;

namespace Conversations.UnitTests.Domain.Reporting;

public sealed class TaskReportsTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(8);

    // Waits of 10 s, 20.4 s (20: within 20 s), 20.5 s (21: not), one offered to a3 and never answered, one enqueued at the end (left out).
    private static readonly TaskFacts[] Tasks =
    [
        Answered("a1", "WHATSAPP", "wa-1", at: 0, waitMs: 10_000, handleMs: 300_000, "RESOLVED"),
        Answered("a1", "WHATSAPP", "wa-1", at: 1, waitMs: 20_400, handleMs: 100_500, "RESOLVED", "SALE"),
        Answered("a2", "SMS", "sms-1", at: 2, waitMs: 20_500, handleMs: 60_000),
        new("a3", "WHATSAPP", "wa-1", From.AddMinutes(3), null, From.AddMinutes(3).AddSeconds(45), []),
        Answered("a2", "SMS", "sms-1", at: 8 * 60, waitMs: 1_000, handleMs: 1_000),
    ];

    [Fact]
    public void Summarize_ByChannelType_CountsWaitsHandleTimesAndCodesPerRowAndInTotal()
    {
        var report = TaskReports.Summarize(Query(TaskGrouping.ChannelType), Tasks);

        Assert.Equal(["SMS", "WHATSAPP"], report.Rows.Select(r => r.Key));
        var whatsApp = report.Rows[1];
        Assert.Equal((3, 2, 1, 2), (whatsApp.Tasks, whatsApp.Answered, whatsApp.Unanswered, whatsApp.AnsweredWithinServiceLevel));
        Assert.Equal((0.667m, 15.0m, 20, 200.5m), (whatsApp.ServiceLevel, whatsApp.AverageWaitSeconds, whatsApp.LongestWaitSeconds, whatsApp.AverageHandleSeconds));
        Assert.Equal(new Dictionary<string, int> { ["RESOLVED"] = 2, ["SALE"] = 1 }, whatsApp.WrapUpCodes);
        var sms = report.Rows[0];
        Assert.Equal((1, 1, 0, 0m, 21.0m, 21, 60.0m), (sms.Tasks, sms.Answered, sms.AnsweredWithinServiceLevel, sms.ServiceLevel, sms.AverageWaitSeconds, sms.LongestWaitSeconds, sms.AverageHandleSeconds));
        Assert.Empty(sms.WrapUpCodes);
        var total = report.Total;
        Assert.Equal((null, 4, 3, 1, 2, 0.5m), (total.Key, total.Tasks, total.Answered, total.Unanswered, total.AnsweredWithinServiceLevel, total.ServiceLevel));
        // (10 + 20 + 21) / 3 and (300 + 101 + 60) / 3: each task's seconds rounded first, half away from zero.
        Assert.Equal((17.0m, 21, 153.7m), (total.AverageWaitSeconds, total.LongestWaitSeconds, total.AverageHandleSeconds));
    }

    [Fact]
    public void Summarize_ByAgent_PutsTheTasksNobodyAnsweredLast_EvenOneOfferedToAnAgent()
    {
        var report = TaskReports.Summarize(Query(TaskGrouping.Agent), Tasks);

        Assert.Equal(["a1", "a2", null], report.Rows.Select(r => r.Key));
        var nobody = report.Rows[2];
        Assert.Equal((1, 0, 1, 0m), (nobody.Tasks, nobody.Answered, nobody.Unanswered, nobody.ServiceLevel));
        Assert.Null(nobody.AverageWaitSeconds);
        Assert.Null(nobody.LongestWaitSeconds);
        Assert.Null(nobody.AverageHandleSeconds);
    }

    [Fact]
    public void Summarize_ALongerServiceLevel_CountsTheSlowerAnswerIn()
    {
        var report = TaskReports.Summarize(Query(TaskGrouping.Service) with { ServiceLevelSeconds = 21 }, Tasks);

        Assert.Equal((3, 0.75m), (report.Total.AnsweredWithinServiceLevel, report.Total.ServiceLevel));
        Assert.Equal(["sms-1", "wa-1"], report.Rows.Select(r => r.Key));
    }

    [Fact]
    public void Summarize_NoTasks_IsAnEmptyReportWithAZeroTotal()
    {
        var report = TaskReports.Summarize(Query(TaskGrouping.Agent), []);

        Assert.Empty(report.Rows);
        Assert.Equal((0, 0m, null), (report.Total.Tasks, report.Total.ServiceLevel, report.Total.AverageWaitSeconds));
    }

    [Fact]
    public void Validated_RefusesAnEmptyOrTooLongRangeAndAServiceLevelOutOfBounds()
    {
        AssertInvalid(() => new TaskReportQuery(From, From, TaskGrouping.Agent, 20).Validated(), "to");
        AssertInvalid(() => new TaskReportQuery(From, From + TaskReportQuery.MaxRange + TimeSpan.FromSeconds(1), TaskGrouping.Agent, 20).Validated(), "to");
        AssertInvalid(() => new TaskReportQuery(From, To, TaskGrouping.Agent, 0).Validated(), "serviceLevelSeconds");
        AssertInvalid(() => new TaskReportQuery(From, To, TaskGrouping.Agent, 3601).Validated(), "serviceLevelSeconds");
        AssertInvalid(() => new TaskReportQuery(From, To, (TaskGrouping)7, 20).Validated(), "by");
        new TaskReportQuery(From, From + TaskReportQuery.MaxRange, TaskGrouping.Agent, 3600).Validated();
    }

    [Theory]
    [InlineData(null, TaskGrouping.ChannelType)]
    [InlineData("AGENT", TaskGrouping.Agent)]
    [InlineData("channel_type", TaskGrouping.ChannelType)]
    [InlineData("Service", TaskGrouping.Service)]
    public void ParseGrouping_AsTheApiWritesIt(string? by, TaskGrouping expected) =>
        Assert.Equal(expected, TaskReportQuery.ParseGrouping(by));

    [Theory]
    [InlineData("QUEUE")]
    [InlineData("AGENT,SERVICE")]
    [InlineData("1")]
    [InlineData("")]
    public void ParseGrouping_Else_IsInvalidNamingTheField(string by) =>
        AssertInvalid(() => TaskReportQuery.ParseGrouping(by), "by");

    private static TaskReportQuery Query(TaskGrouping by) => new TaskReportQuery(From, To, by, 20).Validated();

    private static TaskFacts Answered(string agent, string type, string service, int at, int waitMs, int handleMs, params string[] codes)
    {
        var enqueued = From.AddMinutes(at);
        var answered = enqueued.AddMilliseconds(waitMs);
        return new TaskFacts(agent, type, service, enqueued, answered, answered.AddMilliseconds(handleMs), codes);
    }
}
