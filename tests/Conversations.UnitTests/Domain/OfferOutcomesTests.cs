using Conversations.Agents;
using Conversations.Channels;
using Conversations.Domain;
using static Conversations.Domain.AgentTaskSignal;

namespace Conversations.UnitTests.Domain;

/// <summary>What became of an offer, read from the task before and after a decision, as the offer metrics count it.</summary>
public sealed class OfferOutcomesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, AgentTaskSignal, OfferOutcome?> Answers() => new()
    {
        { "accepted", new Accept("alice"), OfferOutcome.Accepted },
        { "rejected", new Reject("alice"), OfferOutcome.Rejected },
        { "not answered in time", new DeadlineDue(), OfferOutcome.TimedOut },
        { "customer left", new CustomerLeft(), OfferOutcome.Withdrawn },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Of_PendingOfferAnswered_IsTheAnswer(string situation, AgentTaskSignal answer, OfferOutcome? expected)
    {
        var offered = Offered();

        var after = AgentTaskRules.Decide("t1", offered, answer, T0.AddMinutes(5)).Task;

        Assert.True(expected == OfferOutcomes.Of(offered, after), situation);
        Assert.False(OfferOutcomes.Made(offered, after), situation);
    }

    [Fact]
    public void Made_QueuedTaskOffered_IsANewOfferWithNoOutcomeYet()
    {
        var queued = Queued();

        var offered = AgentTaskRules.Decide("t1", queued, new Offer("alice"), T0).Task;

        Assert.True(OfferOutcomes.Made(queued, offered));
        Assert.Null(OfferOutcomes.Of(queued, offered));
    }

    [Fact]
    public void Of_NoOfferPending_IsNothing()
    {
        var active = AgentTaskRules.Decide("t1", Offered(), new Accept("alice"), T0).Task!;

        var left = AgentTaskRules.Decide("t1", active, new AgentLeft("alice"), T0).Task;

        Assert.Null(OfferOutcomes.Of(active, left));
        Assert.Null(OfferOutcomes.Of(null, Queued()));
    }

    private static AgentTask Queued() => AgentTaskRules.Decide("t1", null, new Create(new AgentTaskSpec(
        "conv-1", "cust-1", "svc-1", "WEB", RoutingMode.Push, null, TimeSpan.FromSeconds(30), null)), T0).Task!;

    private static AgentTask Offered() => AgentTaskRules.Decide("t1", Queued(), new Offer("alice"), T0).Task!;
}
