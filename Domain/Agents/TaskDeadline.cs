namespace Conversations.Domain;

/// <summary>What becomes of the deadline an agent task waits on.</summary>
public abstract record TaskDeadline
{
    /// <summary>A new deadline, <paramref name="Length"/> from now (the offer or wrap-up timeout).</summary>
    public sealed record Started(DateTimeOffset At, TimeSpan Length) : TaskDeadline;

    /// <summary>Nothing to wait for any more.</summary>
    public sealed record Stopped : TaskDeadline;

    /// <summary>Looked at before it was due: wait on.</summary>
    public sealed record NotYetDue(DateTimeOffset At) : TaskDeadline;
}
