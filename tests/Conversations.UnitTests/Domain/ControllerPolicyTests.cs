using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Domain;

namespace Conversations.UnitTests.Domain;

public sealed class ControllerPolicyTests
{
    private const string Session = "cs-1";

    [Fact]
    public void ConversationStarted_GreetingConfigured_SendsGreetingOnThatSession()
    {
        var intents = ControllerPolicy.React(new ControllerSignal.ConversationStarted(Session), new ControllerSettings { GreetingText = "Welcome!" });

        Assert.Equal([new ControllerIntent.SendToCustomer("Welcome!", Session)], intents);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ConversationStarted_NoGreeting_DoesNothing(string? greeting)
    {
        var intents = ControllerPolicy.React(new ControllerSignal.ConversationStarted(Session), new ControllerSettings { GreetingText = greeting });

        Assert.Empty(intents);
    }

    [Fact]
    public void CustomerLeftChannel_CloseOnLeaveConfigured_ClosesTheSession()
    {
        var intents = ControllerPolicy.React(new ControllerSignal.CustomerLeftChannel(Session), new ControllerSettings { CloseSessionOnCustomerLeft = true });

        Assert.Equal([new ControllerIntent.CloseChannelSession(Session, SessionCloseReason.CustomerLeft)], intents);
    }

    [Fact]
    public void CustomerLeftChannel_CloseOnLeaveDisabled_KeepsTheSession()
    {
        var intents = ControllerPolicy.React(new ControllerSignal.CustomerLeftChannel(Session), new ControllerSettings { CloseSessionOnCustomerLeft = false });

        Assert.Empty(intents);
    }

    [Fact]
    public void SessionInactive_WithClosingText_SaysGoodbyeThenCloses()
    {
        var settings = new ControllerSettings { CloseSessionOnInactivity = true, InactivityClosingText = "Bye for now" };

        var intents = ControllerPolicy.React(new ControllerSignal.SessionInactive(Session), settings);

        Assert.Equal(
            [new ControllerIntent.SendToCustomer("Bye for now", Session), new ControllerIntent.CloseChannelSession(Session, SessionCloseReason.Inactivity)],
            intents);
    }

    [Fact]
    public void SessionInactive_WithoutClosingText_OnlyCloses()
    {
        var intents = ControllerPolicy.React(new ControllerSignal.SessionInactive(Session), new ControllerSettings { InactivityClosingText = null });

        Assert.Equal([new ControllerIntent.CloseChannelSession(Session, SessionCloseReason.Inactivity)], intents);
    }

    [Fact]
    public void SessionInactive_CloseOnInactivityDisabled_DoesNothing()
    {
        var settings = new ControllerSettings { CloseSessionOnInactivity = false, InactivityClosingText = "Bye" };

        Assert.Empty(ControllerPolicy.React(new ControllerSignal.SessionInactive(Session), settings));
    }
}

public sealed class ControllerHandOverTests
{
    private const string Session = "cs-1";

    [Theory]
    [InlineData("I want to talk to an agent")]
    [InlineData("AGENT!")]
    [InlineData("human, please")]
    public void CustomerMessage_AsksForAnAgent_BotHandsOver(string text)
    {
        var intents = ControllerPolicy.React(new ControllerSignal.CustomerMessage(Session, text, AgentEngaged: false), ControllerSettings.Default);

        Assert.Equal([new ControllerIntent.SendToCustomer(ControllerSettings.Default.HandOverText!, Session), new ControllerIntent.RequestAgent()], intents);
    }

    [Theory]
    [InlineData("my agency sent me")]
    [InlineData("humane treatment")]
    [InlineData("where is my parcel")]
    public void CustomerMessage_KeywordOnlyInsideAWordOrAbsent_BotStays(string text)
    {
        Assert.Empty(ControllerPolicy.React(new ControllerSignal.CustomerMessage(Session, text, AgentEngaged: false), ControllerSettings.Default));
    }

    [Fact]
    public void CustomerMessage_AgentAlreadyEngaged_NoSecondRequest()
    {
        Assert.Empty(ControllerPolicy.React(new ControllerSignal.CustomerMessage(Session, "agent", AgentEngaged: true), ControllerSettings.Default));
    }

    [Fact]
    public void CustomerMessage_CustomKeywords_AreUsed()
    {
        var settings = ControllerSettings.Default with { AgentRequestKeywords = ["operator"], HandOverText = null };

        Assert.Equal([new ControllerIntent.RequestAgent()], ControllerPolicy.React(new ControllerSignal.CustomerMessage(Session, "Operator please", false), settings));
        Assert.Empty(ControllerPolicy.React(new ControllerSignal.CustomerMessage(Session, "agent", false), settings));
    }

    [Fact]
    public void ConversationStarted_HandOverImmediately_GreetsThenRequestsAnAgent()
    {
        var settings = ControllerSettings.Default with { GreetingText = "Hi", HandOverText = null, HandOverImmediately = true };

        Assert.Equal(
            [new ControllerIntent.SendToCustomer("Hi", Session), new ControllerIntent.RequestAgent()],
            ControllerPolicy.React(new ControllerSignal.ConversationStarted(Session), settings));
    }

    [Fact]
    public void LastAgentLeft_SurveyConfigured_SendsItToTheMostRecentSession()
    {
        var settings = ControllerSettings.Default with { SurveyText = "How did we do?" };

        var intents = ControllerPolicy.React(new ControllerSignal.LastAgentLeft(["cs-recent", "cs-old"]), settings);

        Assert.Equal([new ControllerIntent.SendToCustomer("How did we do?", "cs-recent")], intents);
    }

    [Fact]
    public void LastAgentLeft_CloseConfigured_SurveyThenCloseEverySession()
    {
        var settings = ControllerSettings.Default with { SurveyText = "Rate us", CloseSessionWhenAgentsLeave = true };

        var intents = ControllerPolicy.React(new ControllerSignal.LastAgentLeft(["cs-a", "cs-b"]), settings);

        Assert.Equal(
            [
                new ControllerIntent.SendToCustomer("Rate us", "cs-a"),
                new ControllerIntent.CloseChannelSession("cs-a", SessionCloseReason.Controller),
                new ControllerIntent.CloseChannelSession("cs-b", SessionCloseReason.Controller),
            ],
            intents);
    }

    [Fact]
    public void LastAgentLeft_RequeueConfigured_RequestsAnotherAgent()
    {
        var settings = ControllerSettings.Default with { RequeueWhenAgentsLeave = true };

        Assert.Equal([new ControllerIntent.RequestAgent()], ControllerPolicy.React(new ControllerSignal.LastAgentLeft([Session]), settings));
    }

    [Fact]
    public void LastAgentLeft_CustomerGone_DoesNothing()
    {
        var settings = ControllerSettings.Default with { SurveyText = "Rate us", CloseSessionWhenAgentsLeave = true };

        Assert.Empty(ControllerPolicy.React(new ControllerSignal.LastAgentLeft([]), settings));
    }
}
