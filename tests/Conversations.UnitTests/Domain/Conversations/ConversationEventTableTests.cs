using Conversations.Activities;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using static Conversations.Conversations.ConversationStatus;
using static Conversations.UnitTests.Domain.Conversations.ConversationScenario;

namespace Conversations.UnitTests.Domain.Conversations;

/// <summary>
/// Every event the conversation takes, in every state it can be in: what state follows and what the
/// grain is told to do. Written from the product's rules, not from the implementation.
/// </summary>
public sealed class ConversationEventTableTests
{
    public static TheoryData<ConversationStatus, bool, ConversationStatus> CustomerMessages() => new()
    {
        // status before, message taken, status after
        { Created, true, Created },
        { Active, true, Active },
        { CustomerLeft, true, Active },
        { WrapUp, true, Active },
        { Inactive, true, Inactive },
        { Closing, false, Closing },
        { Closed, false, Closed },
    };

    [Theory]
    [MemberData(nameof(CustomerMessages))]
    public void ReceiveCustomerMessage_InEachState_LogsWhileLive(ConversationStatus before, bool taken, ConversationStatus after)
    {
        var scenario = In(before);
        var logged = scenario.Message("Are you there?");

        Assert.Equal(taken, logged is not null);
        scenario.Expect(after);
        if (taken)
        {
            Assert.Equal(ActivityKind.CustomerMessage, logged!.Kind);
            Assert.Contains(scenario.State.Sessions, s => s.IsOpen && s.Id == logged.ChannelSessionId);
        }
        else
        {
            Assert.Empty(scenario.Activities);
            Assert.Empty(scenario.Effects);
        }
    }

    public static TheoryData<ConversationStatus, bool, ConversationStatus> AgentJoins() => new()
    {
        { Created, true, Active },
        { Active, true, Active },
        { CustomerLeft, false, CustomerLeft },
        { WrapUp, false, WrapUp },
        { Inactive, true, Active },
        { Closing, false, Closing },
        { Closed, false, Closed },
    };

    [Theory]
    [MemberData(nameof(AgentJoins))]
    public void AgentJoined_InEachState_JoinsOnlyWhileTheCustomerIsThere(ConversationStatus before, bool joined, ConversationStatus after)
    {
        var scenario = In(before);
        var taskId = scenario.TaskId ?? "task-new";

        Assert.Equal(joined, scenario.Step(m => m.AgentJoined("bob", taskId)));

        scenario.Expect(after);
        Assert.Equal(joined, scenario.Present.Contains("bob"));
    }

    public static TheoryData<ConversationStatus, ConversationStatus> AgentLeaves() => new()
    {
        // the agent present in that state leaves (states without an agent stay as they are)
        { Created, Created },
        { Active, Inactive },
        { CustomerLeft, Closing },
        { WrapUp, Closing },
        { Inactive, Inactive },
        { Closing, Closing },
        { Closed, Closed },
    };

    [Theory]
    [MemberData(nameof(AgentLeaves))]
    public void AgentLeft_InEachState_FollowsTheLastAgentOut(ConversationStatus before, ConversationStatus after)
    {
        var scenario = In(before);
        var wasPresent = scenario.Present.Contains(Agent);

        scenario.Step(m => m.AgentLeft(Agent));

        scenario.Expect(after);
        Assert.Empty(scenario.Present);
        Assert.Equal(wasPresent, scenario.StateChanged);
        Assert.Null(scenario.State.OpenTaskId);
    }

    public static TheoryData<ConversationStatus, bool, ConversationStatus, bool> CustomersLeaving() => new()
    {
        // status before, wrap-up configured, status after, session reported closed
        { Created, false, Closing, true },
        { Active, false, CustomerLeft, true },
        { Active, true, WrapUp, true },
        { Inactive, false, Closing, true },
        { CustomerLeft, false, CustomerLeft, false },
        { WrapUp, true, WrapUp, false },
        { Closing, false, Closing, false },
        { Closed, false, Closed, false },
    };

    [Theory]
    [MemberData(nameof(CustomersLeaving))]
    public void CustomerLeft_InEachState_ClosesTheChannelsSession(ConversationStatus before, bool wrapUp, ConversationStatus after, bool closed)
    {
        var scenario = In(before, wrapUp: wrapUp);
        var open = scenario.State.Sessions.SingleOrDefault(s => s.IsOpen);

        var (sessionId, reportedClosed) = scenario.Step(m => m.CustomerLeft(Service));

        scenario.Expect(after);
        Assert.Equal(closed, reportedClosed);
        Assert.Equal(closed ? open!.Id : null, sessionId);
        Assert.Equal(closed, scenario.Effects.OfType<ConversationEffect.CloseSession>().Any(c => c.ChannelSessionId == open?.Id));
        Assert.Equal(closed && before is Active, scenario.Effects.OfType<ConversationEffect.EndTaskForCustomerLeft>().Any());
    }

    public static TheoryData<ConversationStatus, ConversationStatus> Inactivity() => new()
    {
        // the session's deadline passed and nobody wrote since: the default controller closes it
        { Created, Closing },
        { Active, CustomerLeft },
        { Inactive, Closing },
    };

    [Theory]
    [MemberData(nameof(Inactivity))]
    public void SessionInactive_Expired_ControllerClosesTheSession(ConversationStatus before, ConversationStatus after)
    {
        var scenario = In(before);
        var session = scenario.State.Sessions.Single(s => s.IsOpen);
        scenario.Now += InactivityTimeout;

        scenario.Step(m => m.SessionInactive(session.Id, new ObservedSession(Closed: false, null, scenario.Now)));

        scenario.Expect(after);
        Assert.Contains(new ConversationEffect.CloseSession(session.Id, SessionCloseReason.Inactivity), scenario.Effects);
    }

    [Theory]
    [InlineData(CustomerLeft)]
    [InlineData(WrapUp)]
    [InlineData(Closing)]
    [InlineData(Closed)]
    public void SessionInactive_SessionAlreadyClosedHere_ChangesNothing(ConversationStatus status)
    {
        var scenario = In(status);
        var session = scenario.State.Sessions.Single();

        scenario.Step(m => m.SessionInactive(session.Id, new ObservedSession(Closed: false, null, scenario.Now)));

        scenario.Expect(status);
        Assert.False(scenario.StateChanged);
        Assert.Empty(scenario.Effects);
    }

    public static TheoryData<ConversationStatus, bool> HouseKeeping() => new()
    {
        { Created, false },
        { Active, false },
        { CustomerLeft, false },
        { WrapUp, false },
        { Inactive, false },
        { Closing, true },
        { Closed, false },
    };

    [Theory]
    [MemberData(nameof(HouseKeeping))]
    public void CompleteHouseKeeping_InEachState_OnlyClosesAClosingConversation(ConversationStatus status, bool completes)
    {
        var scenario = In(status);

        var attempt = Record.Exception(() => scenario.Step(m => m.CompleteHouseKeeping(closingAlreadyLogged: false)));

        if (completes)
        {
            Assert.Null(attempt);
            scenario.Expect(Closed);
            Assert.Contains(scenario.State.Participants, p => p.Role == ParticipantRole.Bot && p.LeftAt is not null);
        }
        else
        {
            Assert.Equal(DomainErrorKind.Conflict, Assert.IsType<DomainException>(attempt).Kind);
        }
    }

    public static TheoryData<ConversationStatus> Statuses() => [.. Enum.GetValues<ConversationStatus>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void ReassignCustomer_InEachState_MovesTheCustomer(ConversationStatus status)
    {
        var scenario = In(status);

        scenario.Step(m => m.ReassignCustomer("cust-2"));

        Assert.Equal("cust-2", scenario.State.CustomerId);
        Assert.Contains(scenario.State.Participants, p => p is { Role: ParticipantRole.Customer, Id: "cust-2" });
        Assert.DoesNotContain(scenario.State.Participants, p => p.Id == "cust-1");
        scenario.Expect(status);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void AgentMessage_InEachState_OnlyFromAnAgentWithTheCustomerThere(ConversationStatus status)
    {
        var scenario = In(status);
        var canWrite = status is Active;
        var sequence = scenario.Sequence;

        var attempt = Record.Exception(() => scenario.Step(m => m.AgentMessage(Agent, "Hi, Alice here.", null)));

        if (canWrite)
        {
            Assert.Null(attempt);
            var sent = Assert.Single(scenario.Activities);
            Assert.Equal((ActivityKind.AgentMessage, scenario.OnlySession.Id), (sent.Kind, sent.ChannelSessionId));
        }
        else
        {
            Assert.Equal(DomainErrorKind.Conflict, Assert.IsType<DomainException>(attempt).Kind);
            Assert.Equal(sequence, scenario.Sequence);
        }
    }
}
