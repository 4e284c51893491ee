namespace Conversations.Reporting;

/// <summary>Reports from the reporting tables, for supervisors; a stateless worker on every silo.</summary>
public interface IReportsGrain : IGrainWithIntegerKey
{
    /// <summary>Refuses a query out of bounds (<see cref="TaskReportQuery.Validated"/>) before reading anything.</summary>
    Task<TaskReport> AgentTasksAsync(TaskReportQuery query);
}
