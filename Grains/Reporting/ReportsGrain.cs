using Orleans.Concurrency;

namespace Conversations.Reporting;

// Holds nothing between calls: calls interleave instead of waiting for each other's queries (see InboundGrain).
[StatelessWorker]
[Reentrant]
public sealed class ReportsGrain(IReportingStore reporting) : Grain, IReportsGrain
{
    public Task<TaskReport> AgentTasksAsync(TaskReportQuery query) => reporting.ReportAgentTasksAsync(query.Validated());
}
