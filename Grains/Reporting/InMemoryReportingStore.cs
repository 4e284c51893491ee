using System.Collections.Concurrent;
using Conversations.Activities;
using Conversations.Agents;
using Conversations.Conversations;

namespace Conversations.Reporting;

/// <summary>The development profile's reporting store: keeps archives in memory, one per conversation.</summary>
public sealed class InMemoryReportingStore(InMemoryActivityLog log) : IReportingStore
{
    private readonly ConcurrentDictionary<string, ArchivedConversation> _archives = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AgentTaskView> _agentTasks = new(StringComparer.Ordinal);

    public Task ArchiveConversationAsync(ConversationView conversation, CancellationToken cancellationToken = default)
    {
        _archives[conversation.Id] = new ArchivedConversation(conversation, log.Snapshot(conversation.Id));
        return Task.CompletedTask;
    }

    public Task RecordAgentTaskAsync(AgentTaskView task, CancellationToken cancellationToken = default)
    {
        _agentTasks[task.Id] = task;
        return Task.CompletedTask;
    }

    public Task<TaskReport> ReportAgentTasksAsync(TaskReportQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(TaskReports.Summarize(query, _agentTasks.Values.Select(t => new TaskFacts(
            t.AgentId, t.Spec.ChannelTypeCode, t.Spec.ServiceIdentifier, t.EnqueuedAt, t.AnsweredAt, t.EndedAt, t.WrapUpCodes))));

    public ArchivedConversation? Find(string conversationId) => _archives.GetValueOrDefault(conversationId);

    public AgentTaskView? FindAgentTask(string taskId) => _agentTasks.GetValueOrDefault(taskId);
}

public sealed record ArchivedConversation(ConversationView Conversation, IReadOnlyList<Activity> Activities);
