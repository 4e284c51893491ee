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
