using static Conversations.Agents.AgentTaskStatus;

namespace Conversations.Agents;

/// <summary>What became of an offer to an agent.</summary>
public enum OfferOutcome
{
    Accepted,
    Rejected,
    TimedOut,

    /// <summary>The customer left while the offer was pending.</summary>
    Withdrawn,
}

public static class OfferOutcomes
{
    /// <summary>
    /// The outcome of the offer <paramref name="before"/> was pending on, read from the first state <paramref name="after"/>
    /// passed through; null when no offer was pending or it still is.
    /// </summary>
    public static OfferOutcome? Of(AgentTask? before, AgentTask? after)
    {
        if (before?.State != Offered || after is null || after.History.Count <= before.History.Count)
        {
            return null;
        }

        return after.History[before.History.Count].State switch
        {
            Active => OfferOutcome.Accepted,
            Rejected => OfferOutcome.Rejected,
            TimedOut => OfferOutcome.TimedOut,
            Abandoned => OfferOutcome.Withdrawn,
            _ => null,
        };
    }

    /// <summary>True when the change made a new offer.</summary>
    public static bool Made(AgentTask? before, AgentTask? after) => after?.State == Offered && before?.State != Offered;
}
