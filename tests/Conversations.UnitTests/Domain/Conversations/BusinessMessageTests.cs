using Conversations.Activities;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Outbound;
using static Conversations.UnitTests.Domain.Conversations.ConversationScenario;

namespace Conversations.UnitTests.Domain.Conversations;

/// <summary>The business writing first: an outbound session, no bot greeting, and the reply going to the message's owner.</summary>
public sealed class BusinessMessageTests
{
    private static readonly TimeSpan OutboundTimeout = TimeSpan.FromHours(24);
    private static readonly Channel Channel = new(Service, "Support", "conn", RoutingMode.Push, 600, PullListName: "general");

    [Fact]
    public void SendBusinessMessage_NewConversation_OpensAnOutboundSessionAndLogsABotMessage()
    {
        var scenario = new ConversationScenario(ControllerSettings.Default with { GreetingText = "Welcome!" });

        var logged = scenario.Step(m =>
        {
            m.Start("cust-1", scenario.Settings);
            return m.SendBusinessMessage(Message(), joinedLive: false);
        });

        var open = Assert.Single(scenario.Effects.OfType<ConversationEffect.OpenSession>());
        Assert.Equal((SessionDirection.Outbound, OutboundTimeout, "+491701234567"), (open.Direction, open.InactivityTimeout, open.CustomerChannelIdentifier));
        var message = scenario.Activities.Single(a => a.Sequence == logged.Sequence);
        Assert.Equal((ActivityKind.BotMessage, "Your order shipped.", open.ChannelSessionId), (message.Kind, message.Text, logged.ChannelSessionId));
        Assert.DoesNotContain(scenario.Activities, a => a.Text == "Welcome!");
        Assert.Equal(ConversationStatus.Created, scenario.Status);
    }

    [Fact]
    public void SendBusinessMessage_CustomerAlreadyOnTheChannel_UsesTheirSession()
    {
        var scenario = In(ConversationStatus.Created);
        var session = scenario.OnlySession;

        var logged = scenario.Step(m => m.SendBusinessMessage(Message(), joinedLive: false));

        Assert.Equal(session.Id, logged.ChannelSessionId);
        Assert.Empty(scenario.Effects);
    }

    [Fact]
    public void Reply_ToAMessageWithAnOwnerAgent_RequestsAnAgentForThatOwnerOnce()
    {
        var scenario = new ConversationScenario();
        scenario.Step(m =>
        {
            m.Start("cust-1", scenario.Settings);
            m.SendBusinessMessage(Message(new ReplyOwner("olivia", null, "sup")), joinedLive: false);
        });
        Assert.Null(scenario.TaskId);

        scenario.CustomerWrites("Thanks, when will it arrive?");

        var request = Assert.Single(scenario.Effects.OfType<ConversationEffect.RequestAgent>());
        Assert.Equal("olivia", request.Owner?.AgentId);
        Assert.Null(scenario.State.ReplyOwner);
        scenario.CustomerWrites("Hello?");
        Assert.Empty(scenario.Effects.OfType<ConversationEffect.RequestAgent>());
    }

    [Fact]
    public void TaskFor_AnOwnerQueue_ParksTheTaskOnThatList()
    {
        var scenario = new ConversationScenario();
        scenario.Step(m =>
        {
            m.Start("cust-1", scenario.Settings);
            m.SendBusinessMessage(Message(new ReplyOwner(null, "claims", "sup")), joinedLive: false);
        });
        scenario.CustomerWrites("Tell me more");
        var request = scenario.Effects.OfType<ConversationEffect.RequestAgent>().Single();

        var spec = scenario.Step(m => m.TaskFor(request, Channel, "WHATSAPP"));

        Assert.Equal((RoutingMode.Pull, "claims"), (spec.RoutingMode, spec.ListName));
    }

    [Fact]
    public void SendBusinessMessage_WithAnAgentIn_LeavesTheReplyToThem()
    {
        var scenario = In(ConversationStatus.Active);

        scenario.Step(m => m.SendBusinessMessage(Message(new ReplyOwner("olivia", null, "sup")), joinedLive: false));

        Assert.Null(scenario.State.ReplyOwner);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void SessionInactive_OnAnOutboundSession_SaysGoodbyeOnlyToACustomerWhoAnswered(bool answered, bool toldSo)
    {
        var scenario = new ConversationScenario(ControllerSettings.Default with { GreetingText = null, InactivityClosingText = "We close this chat now." });
        var sessionId = scenario.Step(m =>
        {
            m.Start("cust-1", scenario.Settings);
            return m.SendBusinessMessage(Message(), joinedLive: false).ChannelSessionId;
        });
        if (answered)
        {
            scenario.CustomerWrites("Thanks!");
            Assert.False(scenario.OnlySession.AwaitingReply);
        }

        scenario.Step(m => m.SessionInactive(sessionId, new ObservedSession(Closed: false, null, scenario.Now)));

        Assert.Equal(toldSo, scenario.Activities.Any(a => a.Text == "We close this chat now."));
        Assert.False(scenario.OnlySession.IsOpen);
    }

    [Fact]
    public void Logged_TheSameRequestAgain_AnswersWhatWasLoggedFirst()
    {
        var scenario = In(ConversationStatus.Created);
        var first = scenario.Step(m => m.SendBusinessMessage(Message(), joinedLive: true));

        var again = scenario.Step(m => m.Logged(Message()));

        Assert.Equal(first, again);
        Assert.Equal(new LoggedBusinessRequest("req-1", first.Sequence, scenario.OnlySession.Id, JoinedLive: true), again);
        Assert.Null(scenario.Step(m => m.Logged(Message(requestId: "req-2"))));
    }

    [Fact]
    public void SendBusinessMessage_ManyRequests_RemembersOnlyTheLatest()
    {
        var scenario = In(ConversationStatus.Created);

        for (var n = 0; n <= Conversation.RecentRequests; n++)
        {
            var requestId = $"req-{n}";
            scenario.Step(m => m.SendBusinessMessage(Message(requestId: requestId), joinedLive: true));
        }

        Assert.Equal(Conversation.RecentRequests, scenario.State.BusinessRequests.Count);
        Assert.Null(scenario.Step(m => m.Logged(Message(requestId: "req-0"))));
        Assert.NotNull(scenario.Step(m => m.Logged(Message(requestId: $"req-{Conversation.RecentRequests}"))));
    }

    private static BusinessMessage Message(ReplyOwner? owner = null, string requestId = "req-1") => new(
        Service, "WHATSAPP", "+491701234567", "Your order shipped.", OutboundData.Of(requestId, "sup", null), OutboundTimeout, owner);
}
