using Conversations.Channels;
using Conversations.Domain;

namespace Conversations.UnitTests.Domain;

public sealed class PullListsTests
{
    private static readonly ChannelConnector[] Connectors =
    [
        new("sms-conn", "SMS", "twilio", "SMS"),
        new("web-conn", "Web", "webchat", "WEB"),
        new("mail-conn", "Mail", "mail", "EMAIL"),
    ];

    private static readonly Channel[] Channels =
    [
        new("+4930111", "Sales SMS", "sms-conn", RoutingMode.Pull, 900, "sales"),
        new("+4930222", "Support SMS", "sms-conn", RoutingMode.Pull, 900, "support"),
        new("web:shop", "Shop", "web-conn", RoutingMode.Pull, 900, "sales"),
        new("web:help", "Help", "web-conn", RoutingMode.Push, 900),
        new("mail:info", "Info", "mail-conn", RoutingMode.Pull, 900, "backoffice"),
        new("+4930333", "Orphan", "gone-conn", RoutingMode.Pull, 900, "orphans"),
    ];

    public static TheoryData<string, Dictionary<string, int>, string[]> Agents() => new()
    {
        { "SMS agent: the lists of both SMS channels", new() { ["SMS"] = 2 }, ["sales", "support"] },
        { "web agent: the shop's list, not the pushed help channel", new() { ["WEB"] = 3 }, ["sales"] },
        { "blended agent: each list once", new() { ["SMS"] = 1, ["WEB"] = 1, ["EMAIL"] = 1 }, ["backoffice", "sales", "support"] },
        { "no room for a type is not taking it", new() { ["EMAIL"] = 0, ["WEB"] = 1 }, ["sales"] },
        { "a type no channel pulls", new() { ["VOICE"] = 1 }, [] },
    };

    [Theory]
    [MemberData(nameof(Agents))]
    public void For_AgentCapacity_IsTheListsOfPullChannelsOfItsTypes(string situation, Dictionary<string, int> capacity, string[] expected) =>
        Assert.True(expected.SequenceEqual(PullLists.For(capacity, Channels, Connectors)), $"{situation}: {string.Join(",", PullLists.For(capacity, Channels, Connectors))}");
}
