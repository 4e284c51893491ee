using Conversations.Agents;
using Conversations.Domain;
using static Conversations.Agents.AgentTaskEvent;
using static Conversations.Agents.AgentTaskStatus;

namespace Conversations.UnitTests.Domain;

public sealed class AgentTaskStateMachineTests
{
    /// <summary>Every state × event × wrap-up setting: the expected path, or null when rejected.</summary>
    public static TheoryData<AgentTaskStatus, AgentTaskEvent, bool, AgentTaskStatus[]?> Expectations()
    {
        var data = new TheoryData<AgentTaskStatus, AgentTaskEvent, bool, AgentTaskStatus[]?>();
        foreach (var wrapUp in new[] { false, true })
        {
            var allowed = new Dictionary<(AgentTaskStatus, AgentTaskEvent), AgentTaskStatus[]>
            {
                [(Queued, Offer)] = [Offered],
                [(Queued, Pull)] = [Active],
                [(Queued, Abandon)] = [Abandoned],
                [(Queued, Reassign)] = [Offered],
                [(Offered, Accept)] = [Active],
                [(Offered, Reject)] = [Rejected, Queued],
                [(Offered, OfferTimeout)] = [TimedOut, Queued],
                [(Offered, Abandon)] = [Abandoned],
                [(Offered, Reassign)] = [Offered],
                [(Active, AgentLeft)] = [wrapUp ? WrapUp : Closed],
                [(Active, CustomerLeft)] = [wrapUp ? WrapUp : Closed],
                [(Active, Reassign)] = [Offered],
                [(WrapUp, AgentLeft)] = [],
                [(WrapUp, CustomerLeft)] = [],
                [(WrapUp, SubmitWrapUp)] = [Closed],
                [(WrapUp, WrapUpTimeout)] = [Closed],
            };
            foreach (var state in Enum.GetValues<AgentTaskStatus>())
            {
                foreach (var @event in Enum.GetValues<AgentTaskEvent>())
                {
                    data.Add(state, @event, wrapUp, allowed.GetValueOrDefault((state, @event)));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Apply_EveryStateAndEvent_FollowsTheTaskLifecycle(AgentTaskStatus state, AgentTaskEvent @event, bool wrapUp, AgentTaskStatus[]? expectedPath)
    {
        var result = AgentTaskStateMachine.Apply(state, @event, wrapUp);

        if (expectedPath is null)
        {
            Assert.False(result.Accepted);
            Assert.Equal(state, result.State);
        }
        else
        {
            Assert.True(result.Accepted, result.Rejection);
            Assert.Equal(expectedPath, result.Path);
        }
    }

    [Theory]
    [InlineData(WrapUpTimeout, AgentTaskEndReason.WrapUpTimeout)]
    [InlineData(CustomerLeft, AgentTaskEndReason.CustomerLeft)]
    [InlineData(Abandon, AgentTaskEndReason.Abandoned)]
    [InlineData(SubmitWrapUp, AgentTaskEndReason.Completed)]
    [InlineData(AgentLeft, AgentTaskEndReason.Completed)]
    public void EndReason_FollowsTheFinishingEvent(AgentTaskEvent finishing, AgentTaskEndReason expected) =>
        Assert.Equal(expected, AgentTaskStateMachine.EndReason(finishing));

    [Fact]
    public void IsFinished_OnlyClosedAndAbandoned() =>
        Assert.Equal([Closed, Abandoned], Enum.GetValues<AgentTaskStatus>().Where(AgentTaskStateMachine.IsFinished));
}
