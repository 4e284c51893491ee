using Conversations.Agents;
using Conversations.Conversations;

namespace Conversations.Reporting;

/// <summary>
/// Permanent storage for finished conversations, filled by house-keeping when a conversation reaches
/// Closing. Archiving is idempotent: running it again after a crash neither duplicates nor loses rows.
/// </summary>
public interface IReportingStore
{
    Task ArchiveConversationAsync(ConversationView conversation, CancellationToken cancellationToken = default);

    /// <summary>Writes the one agent_task row of a finished task; writing it again replaces it.</summary>
    Task RecordAgentTaskAsync(AgentTaskView task, CancellationToken cancellationToken = default);

    /// <summary>The report over the recorded (ended) tasks the query covers, computed as <see cref="TaskReports"/> says.</summary>
    Task<TaskReport> ReportAgentTasksAsync(TaskReportQuery query, CancellationToken cancellationToken = default);
}
