namespace Conversations.Reporting;

/// <summary>
/// How task reports are computed, in both profiles: each wait and handle time is first rounded to whole seconds (half
/// away from zero, as PostgreSQL's <c>round</c> does); a row is built from sums and counts of those
/// (<see cref="TaskTally"/>), averages to one decimal and the service level (the share of all tasks answered within it)
/// to three. The in-memory store tallies here; the PostgreSQL store tallies in SQL and builds its rows here.
/// </summary>
public static class TaskReports
{
    public static TaskReport Summarize(TaskReportQuery query, IEnumerable<TaskFacts> tasks)
    {
        var inRange = tasks.Where(t => t.EnqueuedAt >= query.From && t.EnqueuedAt < query.To).ToList();
        return Report(
            query,
            inRange.GroupBy(t => KeyOf(query.By, t)).Select(g => Row(g.Key, Tally(g, query.ServiceLevelSeconds), Codes(g))),
            Row(null, Tally(inRange, query.ServiceLevelSeconds), Codes(inRange)));
    }

    /// <summary>The report with its rows in key order, the tasks without a key last.</summary>
    public static TaskReport Report(TaskReportQuery query, IEnumerable<TaskReportRow> rows, TaskReportRow total) =>
        new(query, [.. rows.OrderBy(r => r.Key is null).ThenBy(r => r.Key, StringComparer.Ordinal)], total);

    public static TaskReportRow Row(string? key, TaskTally tally, IReadOnlyDictionary<string, int> wrapUpCodes) => new(
        key,
        tally.Tasks,
        tally.Answered,
        tally.Tasks - tally.Answered,
        tally.AnsweredWithinServiceLevel,
        tally.Tasks == 0 ? 0 : Rounded((decimal)tally.AnsweredWithinServiceLevel / tally.Tasks, 3),
        tally.Answered == 0 ? null : Rounded((decimal)tally.WaitSeconds / tally.Answered, 1),
        tally.LongestWaitSeconds,
        tally.Handled == 0 ? null : Rounded((decimal)tally.HandleSeconds / tally.Handled, 1),
        new SortedDictionary<string, int>(wrapUpCodes.ToDictionary(), StringComparer.Ordinal));

    /// <summary>Whole seconds from <paramref name="from"/> to <paramref name="to"/>, rounded half away from zero.</summary>
    public static int Seconds(DateTimeOffset from, DateTimeOffset to) =>
        (int)Math.Round((decimal)(to - from).Ticks / TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero);

    private static decimal Rounded(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    private static string? KeyOf(TaskGrouping by, TaskFacts task) => by switch
    {
        // A task offered to an agent and never answered keeps that agent's id; it is nobody's work.
        TaskGrouping.Agent => task.AnsweredAt is null ? null : task.AgentId,
        TaskGrouping.Service => task.ServiceIdentifier,
        _ => task.ChannelType,
    };

    private static TaskTally Tally(IEnumerable<TaskFacts> tasks, int serviceLevelSeconds)
    {
        var all = tasks.ToList();
        var waits = all.Where(t => t.AnsweredAt is not null).Select(t => Seconds(t.EnqueuedAt, t.AnsweredAt!.Value)).ToList();
        var handles = all.Where(t => t.AnsweredAt is not null && t.EndedAt is not null).Select(t => Seconds(t.AnsweredAt!.Value, t.EndedAt!.Value)).ToList();
        return new TaskTally(
            all.Count, waits.Count, waits.Count(w => w <= serviceLevelSeconds), waits.Sum(w => (long)w), waits.Count == 0 ? null : waits.Max(),
            handles.Count, handles.Sum(h => (long)h));
    }

    private static Dictionary<string, int> Codes(IEnumerable<TaskFacts> tasks) =>
        tasks.SelectMany(t => t.WrapUpCodes).GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
