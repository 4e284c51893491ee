namespace Conversations.Reporting;

/// <summary>What one ended agent task tells a report; times in whole seconds, rounded as the reporting tables round them.</summary>
public sealed record TaskFacts(
    string? AgentId,
    string? ChannelType,
    string? ServiceIdentifier,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> WrapUpCodes);

/// <summary>
/// One row of a task report: its tasks, how many an agent answered and how many within the service level, the wait
/// before the answer and the handle time (answer to end, wrap-up included) of the answered ones, and the wrap-up codes
/// given (a code given twice in one wrap-up counts twice). <see cref="Key"/> is the agent id (of the agent who answered;
/// after a transfer, the last one), channel type or service identifier; null gathers the tasks without one (a task
/// nobody answered has no agent). Averages are seconds to one decimal; null when no task was answered.
/// </summary>
public sealed record TaskReportRow(
    string? Key,
    int Tasks,
    int Answered,
    int Unanswered,
    int AnsweredWithinServiceLevel,
    decimal ServiceLevel,
    decimal? AverageWaitSeconds,
    int? LongestWaitSeconds,
    decimal? AverageHandleSeconds,
    IReadOnlyDictionary<string, int> WrapUpCodes);

/// <summary>A task report: its rows in key order (the tasks without a key last) and the total over all of them.</summary>
public sealed record TaskReport(TaskReportQuery Query, IReadOnlyList<TaskReportRow> Rows, TaskReportRow Total);

/// <summary>The sums and counts a task report row is built from; wait and handle seconds are whole per task.</summary>
public sealed record TaskTally(
    int Tasks,
    int Answered,
    int AnsweredWithinServiceLevel,
    long WaitSeconds,
    int? LongestWaitSeconds,
    int Handled,
    long HandleSeconds);
