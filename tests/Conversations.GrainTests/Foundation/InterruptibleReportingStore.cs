using System.Collections.Concurrent;
using Conversations.Agents;
using Conversations.Conversations;
using Conversations.Reporting;

namespace Conversations.GrainTests.Foundation;

/// <summary>The in-memory reporting store, which a test can make fail once for a conversation, as a crashed database would.</summary>
public sealed class InterruptibleReportingStore(InMemoryReportingStore inner) : IReportingStore
{
    private readonly ConcurrentDictionary<string, bool> _failNext = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _archiveCalls = new(StringComparer.Ordinal);

    public void FailNextArchiveOfCustomer(string customerId) => _failNext[customerId] = true;

    public int ArchiveCalls(string conversationId) => _archiveCalls.GetValueOrDefault(conversationId);

    public Task ArchiveConversationAsync(ConversationView conversation, CancellationToken cancellationToken = default)
    {
        _archiveCalls.AddOrUpdate(conversation.Id, 1, (_, n) => n + 1);
        return _failNext.TryRemove(conversation.CustomerId, out _)
            ? throw new InvalidOperationException("Reporting database unavailable (test).")
            : inner.ArchiveConversationAsync(conversation, cancellationToken);
    }

    public Task RecordAgentTaskAsync(AgentTaskView task, CancellationToken cancellationToken = default) =>
        inner.RecordAgentTaskAsync(task, cancellationToken);

    public Task<TaskReport> ReportAgentTasksAsync(TaskReportQuery query, CancellationToken cancellationToken = default) =>
        inner.ReportAgentTasksAsync(query, cancellationToken);
}
