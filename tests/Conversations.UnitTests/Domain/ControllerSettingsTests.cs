using Conversations.Channels;

namespace Conversations.UnitTests.Domain;

public sealed class ControllerSettingsTests
{
    [Fact]
    public void WithoutRepeats_KeepsEachKeywordAndCodeOnce_InTheirOrder()
    {
        var stored = ControllerSettings.Default with
        {
            AgentRequestKeywords = new[] { "agent", "human", "agent", "human", "agent", "human" },
            WrapUpCodes = new[] { "RESOLVED", "CALLBACK", "RESOLVED" },
        };

        var repaired = stored.WithoutRepeats();

        Assert.Equal(["agent", "human"], repaired.AgentRequestKeywords);
        Assert.Equal(["RESOLVED", "CALLBACK"], repaired.WrapUpCodes);
        Assert.Equal(stored.GreetingText, repaired.GreetingText);
    }

    [Fact]
    public void WithoutRepeats_SettingsWithoutRepeats_AreTheSameObject()
    {
        var settings = ControllerSettings.Default with { WrapUpCodes = new[] { "RESOLVED" } };

        Assert.Same(settings, settings.WithoutRepeats());
    }
}
