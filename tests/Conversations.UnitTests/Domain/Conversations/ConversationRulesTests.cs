using Conversations.Activities;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Domain;
using static Conversations.Conversations.ConversationStatus;
using static Conversations.UnitTests.Domain.Conversations.ConversationScenario;

namespace Conversations.UnitTests.Domain.Conversations;

/// <summary>The conversation's rules one at a time, as short stories on the pure model.</summary>
public sealed class ConversationRulesTests
{
    [Fact]
    public void FirstMessage_NewConversation_LogsCreationSessionMessageAndGreetingInOrder()
    {
        var scenario = new ConversationScenario(ControllerSettings.Default);

        scenario.CustomerWrites("Hi, my parcel is late");

        Assert.Equal(
            [ActivityKind.StateChanged, ActivityKind.ParticipantJoined, ActivityKind.SessionOpened, ActivityKind.CustomerMessage, ActivityKind.BotMessage],
            scenario.Activities.Select(a => a.Kind));
        Assert.Equal([1L, 2, 3, 4, 5], scenario.Activities.Select(a => a.Sequence));
        var open = Assert.IsType<ConversationEffect.OpenSession>(Assert.Single(scenario.Effects));
        Assert.Equal((scenario.OnlySession.Id, Service, InactivityTimeout), (open.ChannelSessionId, open.ServiceIdentifier, open.InactivityTimeout));
    }

    [Fact]
    public void CustomerMessage_SessionStillOpen_ReusesItWithoutWritingState()
    {
        var scenario = In(Created);

        scenario.CustomerWrites("Still there?");

        Assert.False(scenario.StateChanged);
        Assert.Single(scenario.State.Sessions);
        Assert.Empty(scenario.Effects);
        Assert.Equal(5, scenario.Activities.Single().Sequence);
    }

    [Fact]
    public void CustomerMessage_OpenSessionFoundClosed_OpensANewOne()
    {
        var scenario = In(Created);
        var first = scenario.OnlySession.Id;

        scenario.Message("Back again", touch: SessionTouch.Closed);

        Assert.Equal([false, true], scenario.State.Sessions.Select(s => s.IsOpen));
        Assert.NotEqual(first, scenario.State.LastActiveSessionId);
        Assert.Single(scenario.Effects.OfType<ConversationEffect.OpenSession>());
    }

    [Fact]
    public void CustomerMessage_SecondChannel_JoinsWithASecondSessionAndRepliesGoThere()
    {
        var scenario = In(Active);

        var logged = scenario.Message("Writing from the web now", OtherService)!;
        var reply = scenario.Step(m => m.AgentMessage(Agent, "I see you", null));

        Assert.Equal(2, scenario.State.Sessions.Count(s => s.IsOpen));
        Assert.Equal(logged.ChannelSessionId, reply.ChannelSessionId);
    }

    [Fact]
    public void AgentMessage_NamedSession_GoesThereOrIsRefusedWhenClosed()
    {
        var scenario = In(Active);
        var whatsApp = scenario.OnlySession.Id;
        scenario.CustomerWrites("Web too", OtherService);

        Assert.Equal(whatsApp, scenario.Step(m => m.AgentMessage(Agent, "On WhatsApp", whatsApp)).ChannelSessionId);
        scenario.Step(m => m.CustomerLeft(Service));
        var refused = Assert.Throws<DomainException>(() => scenario.Step(m => m.AgentMessage(Agent, "On WhatsApp", whatsApp)));
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
    }

    [Fact]
    public void AgentMessage_LastActiveSessionClosed_GoesToTheMostRecentlyOpenedSession()
    {
        var scenario = In(Active);
        var web = scenario.Message("From the web", OtherService)!.ChannelSessionId;
        scenario.CustomerWrites("From SMS", "sms-support");
        scenario.Step(m => m.CustomerLeft("sms-support"));

        Assert.Equal(web, scenario.Step(m => m.AgentMessage(Agent, "Still here", null)).ChannelSessionId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void AgentMessage_EmptyText_IsInvalid(string text) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(() => In(Active).Step(m => m.AgentMessage(Agent, text, null))).Kind);

    [Fact]
    public void AgentMessage_TooLong_IsInvalid() =>
        Assert.Equal(
            DomainErrorKind.Invalid,
            Assert.Throws<DomainException>(() => In(Active).Step(m => m.AgentMessage(Agent, new string('x', InboundRules.MaxTextLength + 1), null))).Kind);

    [Fact]
    public void Keyword_NoAgentYet_RequestsOneTaskOnTheSessionTheCustomerUses()
    {
        var scenario = In(Created);

        scenario.CustomerWrites("Can I talk to a HUMAN please");

        var request = Assert.Single(scenario.Effects.OfType<ConversationEffect.RequestAgent>());
        Assert.Equal((scenario.OnlySession.Id, Service, request.TaskId), (request.ChannelSessionId, request.ServiceIdentifier, scenario.TaskId));
        Assert.Contains(scenario.Activities, a => a.Kind == ActivityKind.BotMessage && a.Text == ControllerSettings.Default.HandOverText);
    }

    [Fact]
    public void Keyword_TaskAlreadyRequested_DoesNotAskAgain()
    {
        var scenario = In(Created);
        scenario.CustomerWrites("agent");

        scenario.CustomerWrites("agent!!");

        Assert.Empty(scenario.Effects);
        Assert.DoesNotContain(scenario.Activities, a => a.Kind == ActivityKind.BotMessage);
    }

    [Fact]
    public void HandOverImmediately_FirstMessage_RequestsAnAgentOnce()
    {
        var scenario = new ConversationScenario(ControllerSettings.Default with { HandOverImmediately = true });

        scenario.CustomerWrites("I need an agent");

        Assert.Single(scenario.Effects.OfType<ConversationEffect.RequestAgent>());
    }

    [Fact]
    public void TaskFor_ChannelWithoutOfferTimeout_TakesTheDefaultAndLogsTheRequest()
    {
        var scenario = In(Created);
        scenario.CustomerWrites("agent");
        var request = scenario.Effects.OfType<ConversationEffect.RequestAgent>().Single();
        var channel = new Channel(Service, "Support", "conn", RoutingMode.Pull, 600, PullListName: "web-queue");

        var spec = scenario.Step(m => m.TaskFor(request, channel, "WHATSAPP"));

        Assert.Equal(
            new AgentTaskSpec("conv-1", "cust-1", Service, "WHATSAPP", RoutingMode.Pull, "web-queue", TimeSpan.FromSeconds(Channel.DefaultOfferTimeoutSeconds), null),
            spec);
        var logged = Assert.Single(scenario.Activities);
        Assert.Equal((ActivityKind.AgentRequested, request.TaskId, "Pull"), (logged.Kind, logged.Data!["taskId"], logged.Data["routingMode"]));
    }

    [Fact]
    public void AgentRequestFailed_ChannelGone_ForgetsTheTaskSoTheNextKeywordTriesAgain()
    {
        var scenario = In(Created);
        scenario.CustomerWrites("agent");
        var taskId = scenario.TaskId!;

        scenario.Step(m => m.AgentRequestFailed(taskId));
        scenario.CustomerWrites("agent please");

        Assert.Single(scenario.Effects.OfType<ConversationEffect.RequestAgent>());
    }

    [Fact]
    public void AgentJoined_TaskThisConversationDoesNotTrack_IsTurnedAway()
    {
        var scenario = In(Created);
        scenario.CustomerWrites("agent");

        Assert.False(scenario.Step(m => m.AgentJoined("bob", "task-stray")));
        Assert.Empty(scenario.Present);
    }

    [Fact]
    public void AgentJoined_SameAgentTwice_JoinsOnce()
    {
        var scenario = In(Active);

        Assert.True(scenario.Step(m => m.AgentJoined(Agent, scenario.TaskId!)));

        Assert.False(scenario.StateChanged);
        Assert.Single(scenario.Present);
    }

    [Theory]
    [InlineData(AgentTaskStatus.Closed, true)]
    [InlineData(AgentTaskStatus.Abandoned, true)]
    [InlineData(AgentTaskStatus.WrapUp, false)]
    [InlineData(AgentTaskStatus.Active, false)]
    public void TaskObserved_AfterCustomerLeft_FinishedTaskTakesItsAgentOut(AgentTaskStatus task, bool agentOut)
    {
        var scenario = In(CustomerLeft);
        var taskId = scenario.TaskId!;

        scenario.Step(m => m.TaskObserved(taskId, task, Agent));

        Assert.Equal(!agentOut, scenario.Present.Contains(Agent));
        scenario.Expect(agentOut ? Closing : CustomerLeft);
    }

    [Fact]
    public void TaskObserved_TaskNeverCreated_NoLongerCountsAsEngaged()
    {
        var scenario = In(Created);
        scenario.CustomerWrites("agent");

        scenario.Step(m => m.TaskObserved(scenario.TaskId!, null, null));

        Assert.Null(scenario.TaskId);
    }

    [Fact]
    public void TaskObserved_OtherTask_ChangesNothing()
    {
        var scenario = In(Active);

        scenario.Step(m => m.TaskObserved("task-other", AgentTaskStatus.Closed, Agent));

        Assert.False(scenario.StateChanged);
    }

    [Fact]
    public void LastAgentLeft_SurveyConfigured_SentWhereTheCustomerWroteLast()
    {
        var scenario = In(Active, ControllerSettings.Default with { GreetingText = null, SurveyText = "Rate us 1-5" });
        scenario.CustomerWrites("Web too", OtherService);

        scenario.Step(m => m.AgentLeft(Agent));

        var survey = Assert.Single(scenario.Activities, a => a.Kind == ActivityKind.BotMessage);
        Assert.Equal(scenario.State.LastActiveSessionId, survey.ChannelSessionId);
        scenario.Expect(Inactive);
    }

    [Fact]
    public void LastAgentLeft_CloseSessionsConfigured_ClosesEveryOpenSession()
    {
        var scenario = In(Active, ControllerSettings.Default with { GreetingText = null, CloseSessionWhenAgentsLeave = true });
        scenario.CustomerWrites("Web too", OtherService);

        scenario.Step(m => m.AgentLeft(Agent));

        Assert.Equal(2, scenario.Effects.OfType<ConversationEffect.CloseSession>().Count());
        scenario.Expect(Closing);
    }

    [Fact]
    public void LastAgentLeft_RequeueConfigured_RequestsANewTask()
    {
        var scenario = In(Active, ControllerSettings.Default with { GreetingText = null, RequeueWhenAgentsLeave = true });
        var first = scenario.TaskId;

        scenario.Step(m => m.AgentLeft(Agent));

        var request = Assert.Single(scenario.Effects.OfType<ConversationEffect.RequestAgent>());
        Assert.NotEqual(first, request.TaskId);
    }

    [Fact]
    public void AgentTransferred_LastAgent_LeavesButTheTaskStaysOpenAndNothingFollowsTheLastAgentLeaving()
    {
        var scenario = In(Active, ControllerSettings.Default with { GreetingText = null, SurveyText = "Rate us 1-5", CloseSessionWhenAgentsLeave = true });
        var task = scenario.TaskId!;

        scenario.Step(m => m.AgentTransferred(Agent, task));

        var left = Assert.Single(scenario.Activities, a => a.Kind == ActivityKind.ParticipantLeft);
        Assert.Equal((Agent, "transferred"), (left.ParticipantId, left.Data!["reason"]));
        Assert.Equal(task, scenario.TaskId);
        Assert.DoesNotContain(scenario.Activities, a => a.Kind == ActivityKind.BotMessage);
        Assert.Empty(scenario.Effects);
        scenario.Expect(Active);
        Assert.True(scenario.Step(m => m.AgentJoined("bob", task)));
    }

    [Fact]
    public void AgentTransferred_NotTheOpenTask_ChangesNothing()
    {
        var scenario = In(Active);

        scenario.Step(m => m.AgentTransferred(Agent, "task-other"));

        Assert.False(scenario.StateChanged);
    }

    [Fact]
    public void LateMessage_DeadlinePassedWithNobodyElseThere_ClosesTheConversationSoANewOneStarts()
    {
        var scenario = In(Created);
        var expired = scenario.OnlySession.Id;

        var logged = scenario.Message("Sorry, I was away", touch: SessionTouch.Expired);

        Assert.Null(logged);
        scenario.Expect(Closing);
        Assert.Contains(new ConversationEffect.CloseSession(expired, SessionCloseReason.Inactivity), scenario.Effects);
        Assert.DoesNotContain(scenario.Activities, a => a.Kind == ActivityKind.CustomerMessage);
    }

    [Fact]
    public void LateMessage_DeadlinePassedLongAgo_ConversationClosedAtTheDeadline()
    {
        var scenario = In(Created);
        var deadline = Start + InactivityTimeout;
        scenario.Now = deadline.AddMinutes(3);

        scenario.Step(m => m.ReceiveCustomerMessage(
            new CustomerMessage(Service, "WHATSAPP", "+491701234567", "+491701234567", "wamid.late", "Back", new Dictionary<string, string>(), InactivityTimeout, false),
            SessionTouch.Expired,
            deadline));

        Assert.Equal(deadline, scenario.State.History.Single(h => h.State == Closing).At);
    }

    [Fact]
    public void LateMessage_DeadlinePassedWhileAnAgentIsIn_NewSessionInTheSameConversation()
    {
        var scenario = In(Active, wrapUp: true);
        var expired = scenario.OnlySession.Id;

        var logged = scenario.Message("Sorry, I was away", touch: SessionTouch.Expired)!;

        Assert.NotEqual(expired, logged.ChannelSessionId);
        Assert.Equal([false, true], scenario.State.Sessions.Select(s => s.IsOpen));
        Assert.Contains(scenario.Effects, e => e is ConversationEffect.EndTaskForCustomerLeft);
        scenario.Expect(Active);
    }

    [Fact]
    public void LateMessage_ControllerKeepsIdleSessions_MessageCountsOnTheSameSession()
    {
        var scenario = In(Created, ControllerSettings.Default with { GreetingText = null, CloseSessionOnInactivity = false });
        var session = scenario.OnlySession.Id;

        var logged = scenario.Message("Sorry, I was away", touch: SessionTouch.Expired)!;

        Assert.Equal(session, logged.ChannelSessionId);
        Assert.Collection(
            scenario.Effects,
            e => Assert.Equal(new ConversationEffect.AcknowledgeInactivity(session), e),
            e => Assert.Equal(session, Assert.IsType<ConversationEffect.TouchSession>(e).ChannelSessionId));
    }

    [Theory]
    [InlineData(SessionCloseReason.CustomerLeft)]
    [InlineData(SessionCloseReason.Inactivity)]
    [InlineData(SessionCloseReason.Controller)]
    public void LastSessionClosed_AnyCause_ConversationRemembersItAsItsCloseReason(SessionCloseReason reason)
    {
        var scenario = In(Active);
        scenario.CustomerWrites("Web too", OtherService);

        scenario.Step(m => m.SessionObserved(scenario.State.Sessions[0].Id, new ObservedSession(true, SessionCloseReason.Inactivity, Start)));
        Assert.Null(scenario.State.CloseReason);
        scenario.Step(m => m.SessionObserved(scenario.State.Sessions[1].Id, new ObservedSession(true, reason, Start)));

        Assert.Equal(reason, scenario.State.CloseReason);
    }

    [Fact]
    public void ClosingUnderWay_DecisionClosesASession_TheGrainMustComeBack()
    {
        var scenario = In(Created);

        Assert.True(scenario.Step(m =>
        {
            m.CustomerLeft(Service);
            return m.ClosingUnderWay;
        }));
        Assert.False(scenario.Step(m =>
        {
            m.ReassignCustomer("cust-9");
            return m.ClosingUnderWay;
        }));
    }

    [Fact]
    public void ReassignCustomer_NotStarted_ChangesNothing()
    {
        // A customer made for a first message that never reached its conversation can be merged all the same.
        var scenario = new ConversationScenario();

        scenario.Step(m => m.ReassignCustomer("cust-9"));

        Assert.Null(scenario.State.CustomerId);
        Assert.Empty(scenario.Activities);
    }

    [Fact]
    public void SessionInactive_CustomerWroteSince_ChangesNothing()
    {
        var scenario = In(Created);

        scenario.Step(m => m.SessionInactive(scenario.OnlySession.Id, new ObservedSession(false, null, Start + InactivityTimeout)));

        Assert.False(scenario.StateChanged);
        Assert.Empty(scenario.Effects);
    }

    [Fact]
    public void SessionInactive_ControllerKeepsIdleSessions_AcknowledgesSoTheSessionStopsReporting()
    {
        var scenario = In(Created, ControllerSettings.Default with { GreetingText = null, CloseSessionOnInactivity = false });
        var session = scenario.OnlySession.Id;

        scenario.Step(m => m.SessionInactive(session, new ObservedSession(false, null, Start)));

        Assert.Equal([new ConversationEffect.AcknowledgeInactivity(session)], scenario.Effects);
        scenario.Expect(Created);
    }

    [Fact]
    public void SessionInactive_ClosingTextConfigured_SaysGoodbyeBeforeClosing()
    {
        var scenario = In(Created, ControllerSettings.Default with { GreetingText = null, InactivityClosingText = "Bye for now" });

        scenario.Step(m => m.SessionInactive(scenario.OnlySession.Id, new ObservedSession(false, null, Start)));

        Assert.Equal(ActivityKind.BotMessage, scenario.Activities[0].Kind);
        Assert.Equal(ActivityKind.SessionClosed, scenario.Activities[1].Kind);
    }

    [Fact]
    public void SessionInactive_SessionUnknownHere_IsClosedAsAnOrphan()
    {
        var scenario = In(Created);

        scenario.Step(m => m.SessionInactive("cs-orphan", null));

        Assert.Equal([new ConversationEffect.CloseSession("cs-orphan", SessionCloseReason.Controller)], scenario.Effects);
        Assert.False(scenario.StateChanged);
    }

    [Fact]
    public void SessionObserved_ClosedBehindTheConversationsBack_CatchesUpWithItsReason()
    {
        var scenario = In(Created);

        scenario.Step(m => m.SessionObserved(scenario.OnlySession.Id, new ObservedSession(true, SessionCloseReason.CustomerLeft, Start)));

        scenario.Expect(Closing);
        Assert.Equal("CustomerLeft", scenario.Activities.Single(a => a.Kind == ActivityKind.SessionClosed).Data!["reason"]);
    }

    [Fact]
    public void SessionObserved_ClosedWhileThisConversationWasDown_RecordsTheTrueCloseTime()
    {
        var scenario = In(Created);
        var closedAt = Start.AddMinutes(10);
        scenario.Now = Start.AddMinutes(17);

        scenario.Step(m => m.SessionObserved(scenario.OnlySession.Id, new ObservedSession(true, SessionCloseReason.Inactivity, closedAt, closedAt)));

        Assert.Equal(closedAt, scenario.State.History.Single(h => h.State == Closing).At);
        Assert.All(scenario.Activities, a => Assert.Equal(closedAt, a.OccurredAt));
    }

    [Fact]
    public void SessionInactive_HeardOfLate_RecordsTheDeadlineAsTheCloseTime()
    {
        var scenario = In(Created);
        var deadline = Start + InactivityTimeout;
        scenario.Now = deadline.AddSeconds(40);

        scenario.Step(m => m.SessionInactive(scenario.OnlySession.Id, new ObservedSession(false, null, deadline)));

        Assert.Equal(deadline, scenario.State.History.Single(h => h.State == Closing).At);
        Assert.Equal(deadline, scenario.Activities.Single(a => a.Kind == ActivityKind.SessionClosed).OccurredAt);
    }

    [Fact]
    public void SessionObserved_StillOpen_ChangesNothing()
    {
        var scenario = In(Created);

        scenario.Step(m => m.SessionObserved(scenario.OnlySession.Id, new ObservedSession(false, null, Start)));

        Assert.False(scenario.StateChanged);
        Assert.Empty(scenario.Activities);
    }

    [Fact]
    public void CompleteHouseKeeping_ClosingAlreadyLogged_LogsNothingTwice()
    {
        var scenario = In(Closing);
        var sequence = scenario.Sequence;

        scenario.Step(m => m.CompleteHouseKeeping(closingAlreadyLogged: true));

        scenario.Expect(Closed);
        Assert.Empty(scenario.Activities);
        Assert.Equal(sequence, scenario.Sequence);
    }

    [Fact]
    public void CompleteHouseKeeping_FirstTime_LastActivityIsTheClosedOne()
    {
        var scenario = In(Closing);

        scenario.Step(m => m.CompleteHouseKeeping(closingAlreadyLogged: false));

        var last = scenario.Activities[^1];
        Assert.True(Conversation.IsClosedActivity(last.Kind, last.Data));
    }

    [Fact]
    public void Decision_FailsHalfWay_LeavesTheStoredStateAsItWas()
    {
        var scenario = In(Created);
        var stored = scenario.State;

        Assert.Throws<DomainException>(() => scenario.Step(m =>
        {
            m.CustomerLeft(Service);
            m.AgentMessage(Agent, "too late", null);
        }));

        Assert.Same(stored, scenario.State);
        Assert.Equal(Created, stored.Status);
        Assert.True(stored.Sessions.Single().IsOpen);
    }
}
