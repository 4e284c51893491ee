using Conversations.Agents;
using static Conversations.Agents.AgentTaskEvent;
using static Conversations.Agents.AgentTaskStatus;

namespace Conversations.Domain;

/// <summary>
/// The AgentTask state machine: QUEUED → OFFERED → ACTIVE → WRAP_UP → CLOSED. A rejected or
/// unanswered offer passes through REJECTED / TIMED_OUT back to QUEUED; a customer who leaves before
/// anyone answered makes the task ABANDONED. A supervisor may give a waiting, offered or active task to another
/// agent (REASSIGN): it is offered to that agent, and an agent who had it in hand leaves the conversation.
/// </summary>
public static class AgentTaskStateMachine
{
    private static readonly IReadOnlyList<AgentTaskStatus> Stay = TransitionTable<AgentTaskStatus, AgentTaskEvent, bool>.Stay;

    private static readonly TransitionTable<AgentTaskStatus, AgentTaskEvent, bool> Table = new(
        new Dictionary<(AgentTaskStatus, AgentTaskEvent), Func<bool, IReadOnlyList<AgentTaskStatus>>>
        {
            [(Queued, Offer)] = _ => [Offered],
            [(Queued, Pull)] = _ => [Active],
            [(Queued, Abandon)] = _ => [Abandoned],
            [(Queued, Reassign)] = _ => [Offered],

            [(Offered, Accept)] = _ => [Active],
            [(Offered, Reject)] = _ => [Rejected, Queued],
            [(Offered, OfferTimeout)] = _ => [TimedOut, Queued],
            [(Offered, Abandon)] = _ => [Abandoned],
            [(Offered, Reassign)] = _ => [Offered],

            [(Active, AgentLeft)] = wrapUp => wrapUp ? [WrapUp] : [Closed],
            [(Active, Reassign)] = _ => [Offered],
            [(Active, CustomerLeft)] = wrapUp => wrapUp ? [WrapUp] : [Closed],

            [(WrapUp, AgentLeft)] = _ => Stay,
            [(WrapUp, CustomerLeft)] = _ => Stay,
            [(WrapUp, SubmitWrapUp)] = _ => [Closed],
            [(WrapUp, WrapUpTimeout)] = _ => [Closed],
        });

    /// <param name="wrapUpConfigured">Whether the task's channel has a wrap-up timeout.</param>
    public static Transition<AgentTaskStatus, AgentTaskEvent> Apply(AgentTaskStatus state, AgentTaskEvent @event, bool wrapUpConfigured) =>
        Table.Apply(state, @event, wrapUpConfigured);

    public static bool IsFinished(AgentTaskStatus state) => state is Closed or Abandoned;

    /// <summary>Why a task that just finished ended.</summary>
    public static AgentTaskEndReason EndReason(AgentTaskEvent finishingEvent) => finishingEvent switch
    {
        WrapUpTimeout => AgentTaskEndReason.WrapUpTimeout,
        CustomerLeft => AgentTaskEndReason.CustomerLeft,
        Abandon => AgentTaskEndReason.Abandoned,
        _ => AgentTaskEndReason.Completed,
    };
}
