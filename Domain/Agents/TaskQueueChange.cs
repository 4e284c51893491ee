using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>What becomes of a task's place on its router or pull list.</summary>
public abstract record TaskQueueChange
{
    /// <summary>Taken or abandoned: off its router (which forgets who declined it) or pull list.</summary>
    public sealed record Dequeue : TaskQueueChange;

    /// <summary>Back to its router after a rejected or unanswered offer, not to be offered to that agent again.</summary>
    public sealed record Requeue(QueuedTask Task, string DeclinedBy) : TaskQueueChange;
}
