using Conversations.Conversations;
using Conversations.Domain;
using static Conversations.Conversations.ConversationEvent;
using static Conversations.Conversations.ConversationStatus;

namespace Conversations.UnitTests.Domain;

public sealed class ConversationStateMachineTests
{
    private static readonly ConversationFacts NoWrapUp = new(WrapUpConfigured: false);
    private static readonly ConversationFacts WithWrapUp = new(WrapUpConfigured: true);

    /// <summary>
    /// The product's rules written out once more, independently of the implementation's table:
    /// every state × event × wrap-up setting, with the expected path (empty = accepted, unchanged)
    /// or null when the event must be rejected.
    /// </summary>
    public static TheoryData<ConversationStatus, ConversationEvent, bool, ConversationStatus[]?> Expectations()
    {
        var data = new TheoryData<ConversationStatus, ConversationEvent, bool, ConversationStatus[]?>();
        foreach (var wrapUp in new[] { false, true })
        {
            void Row(ConversationStatus s, ConversationEvent e, params ConversationStatus[]? path) => data.Add(s, e, wrapUp, path);
            void Reject(ConversationStatus s, ConversationEvent e) => data.Add(s, e, wrapUp, null);

            Row(Created, CustomerSessionOpened);
            Row(Created, AllCustomerSessionsClosed, CustomerLeft, Closing);
            Row(Created, AgentJoined, Active);
            Reject(Created, AllAgentsLeft);
            Reject(Created, HouseKeepingCompleted);

            Row(Active, CustomerSessionOpened);
            Row(Active, AllCustomerSessionsClosed, wrapUp ? WrapUp : CustomerLeft);
            Row(Active, AgentJoined);
            Row(Active, AllAgentsLeft, Inactive);
            Reject(Active, HouseKeepingCompleted);

            Row(CustomerLeft, CustomerSessionOpened, Active);
            Reject(CustomerLeft, AllCustomerSessionsClosed);
            Reject(CustomerLeft, AgentJoined);
            Row(CustomerLeft, AllAgentsLeft, Closing);
            Reject(CustomerLeft, HouseKeepingCompleted);

            Row(ConversationStatus.WrapUp, CustomerSessionOpened, Active);
            Reject(ConversationStatus.WrapUp, AllCustomerSessionsClosed);
            Reject(ConversationStatus.WrapUp, AgentJoined);
            Row(ConversationStatus.WrapUp, AllAgentsLeft, Closing);
            Reject(ConversationStatus.WrapUp, HouseKeepingCompleted);

            Row(Inactive, CustomerSessionOpened);
            Row(Inactive, AllCustomerSessionsClosed, CustomerLeft, Closing);
            Row(Inactive, AgentJoined, Active);
            Reject(Inactive, AllAgentsLeft);
            Reject(Inactive, HouseKeepingCompleted);

            Reject(Closing, CustomerSessionOpened);
            Reject(Closing, AllCustomerSessionsClosed);
            Reject(Closing, AgentJoined);
            Reject(Closing, AllAgentsLeft);
            Row(Closing, HouseKeepingCompleted, Closed);

            Reject(Closed, CustomerSessionOpened);
            Reject(Closed, AllCustomerSessionsClosed);
            Reject(Closed, AgentJoined);
            Reject(Closed, AllAgentsLeft);
            Reject(Closed, HouseKeepingCompleted);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Apply_EveryStateAndEvent_FollowsTheProductRules(
        ConversationStatus state, ConversationEvent @event, bool wrapUp, ConversationStatus[]? expectedPath)
    {
        var result = ConversationStateMachine.Apply(state, @event, wrapUp ? WithWrapUp : NoWrapUp);

        if (expectedPath is null)
        {
            Assert.False(result.Accepted);
            Assert.Equal(state, result.State);
            Assert.Empty(result.Path);
            Assert.Contains(state.ToString(), result.Rejection);
        }
        else
        {
            Assert.True(result.Accepted, result.Rejection);
            Assert.Equal(expectedPath, result.Path);
            Assert.Equal(expectedPath.Length == 0 ? state : expectedPath[^1], result.State);
        }
    }

    [Fact]
    public void Expectations_CoverEveryStateEventAndSetting()
    {
        var covered = Expectations().Select(row => ((ConversationStatus)row[0], (ConversationEvent)row[1], (bool)row[2])).ToHashSet();

        var all = from s in Enum.GetValues<ConversationStatus>()
                  from e in Enum.GetValues<ConversationEvent>()
                  from w in new[] { false, true }
                  select (s, e, w);
        Assert.All(all, pair => Assert.Contains(pair, covered));
    }

    [Fact]
    public void IsLive_ClosingAndClosed_AreNotLive()
    {
        var live = Enum.GetValues<ConversationStatus>().Where(ConversationStateMachine.IsLive);

        Assert.Equal([Created, Active, CustomerLeft, ConversationStatus.WrapUp, Inactive], live);
    }
}
