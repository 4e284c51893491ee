using Conversations.Agents;
using Conversations.Conversations;

namespace Conversations.Gateway.Supervision;

/// <summary>The tasks waiting for an agent, by router queue (one per channel type) and by pull list.</summary>
public sealed record WaitingWork(IReadOnlyList<WaitingLine> Queues, IReadOnlyList<WaitingLine> Lists);

/// <summary>
/// One queue or pull list: <paramref name="Name"/> is the channel type or the list's name; how many wait, since when
/// the one first in line waits, and the tasks in arrival order.
/// </summary>
public sealed record WaitingLine(string Name, int Waiting, DateTimeOffset? OldestEnqueuedAt, IReadOnlyList<QueuedTask> Tasks)
{
    public static WaitingLine Of(string name, IReadOnlyList<QueuedTask> tasks) =>
        new(name, tasks.Count, tasks.Count == 0 ? null : tasks.Min(t => t.EnqueuedAt), tasks);
}

/// <summary>
/// A user with the agent role: the agent as its own view shows it (null until it first signs in), and how many tasks
/// of each channel type take up its slots.
/// </summary>
public sealed record SupervisedAgent(string Id, string DisplayName, AgentView? Agent, IReadOnlyDictionary<string, int> Load);

/// <summary>A live conversation with the channel type of the channel the customer wrote on last.</summary>
public sealed record SupervisedConversation(
    string Id,
    string CustomerId,
    ConversationStatus State,
    DateTimeOffset CreatedAt,
    DateTimeOffset StateSince,
    string? ServiceIdentifier,
    string? ChannelTypeCode,
    IReadOnlyList<string> AgentIds,
    string? OpenTaskId);
