using Conversations.Activities;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.Inbound;

namespace Conversations.UnitTests.Customers;

public sealed class RecentMessagesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ConnectorMessageKey First = new("+4930111", "+491701234567", "SM1");
    private static readonly ConnectorMessageKey Second = new("+4930111", "+491701234567", "SM2");

    [Fact]
    public void Of_LoggedMessages_FindsEachByItsKeyAsADuplicateWithTheOriginalIds()
    {
        var recent = RecentMessages.Of([Logged("SM1", 3, T0), Logged("SM2", 5, T0.AddMinutes(1)), Logged(null, 7, T0.AddMinutes(2))]);

        Assert.Equal(new InboundAccepted("conv-1", "cs-1", "cust-1", 3, Duplicate: true), recent.Find(First));
        Assert.Equal(5, recent.Find(Second)!.Sequence);
        Assert.Equal(2, recent.Count);
    }

    [Fact]
    public void Taken_AMessage_IsFoundAsADuplicateAndTheSameKeyAgainKeepsTheFirst()
    {
        var recent = new RecentMessages();

        recent.Taken(First, new InboundAccepted("conv-1", "cs-1", "cust-1", 3, Duplicate: false), T0);
        recent.Taken(First, new InboundAccepted("conv-9", "cs-9", "cust-1", 9, Duplicate: false), T0.AddSeconds(1));

        Assert.Equal(new InboundAccepted("conv-1", "cs-1", "cust-1", 3, Duplicate: true), recent.Find(First));
        Assert.Null(recent.Find(Second));
    }

    [Fact]
    public void Taken_LaterThanTheWindow_ForgetsWhatIsOlderThanTheWindow()
    {
        var recent = new RecentMessages();
        recent.Taken(First, new InboundAccepted("conv-1", "cs-1", "cust-1", 1, Duplicate: false), T0);

        recent.Taken(Second, new InboundAccepted("conv-1", "cs-1", "cust-1", 2, Duplicate: false), T0 + RecentMessages.Window + TimeSpan.FromSeconds(1));

        Assert.Null(recent.Find(First));
        Assert.NotNull(recent.Find(Second));
        Assert.Equal(1, recent.Count);
    }

    [Fact]
    public void Taken_BeyondTheCapacity_ForgetsTheOldestFirst()
    {
        var recent = new RecentMessages();

        for (var n = 0; n <= RecentMessages.Capacity; n++)
        {
            recent.Taken(new ConnectorMessageKey("+4930111", "+491701234567", $"SM{n}"),
                new InboundAccepted("conv-1", "cs-1", "cust-1", n, Duplicate: false), T0.AddSeconds(n));
        }

        Assert.Equal(RecentMessages.Capacity, recent.Count);
        Assert.Null(recent.Find(new ConnectorMessageKey("+4930111", "+491701234567", "SM0")));
        Assert.Equal(1, recent.Find(new ConnectorMessageKey("+4930111", "+491701234567", "SM1"))!.Sequence);
        Assert.Equal(RecentMessages.Capacity, recent.Find(new ConnectorMessageKey("+4930111", "+491701234567", $"SM{RecentMessages.Capacity}"))!.Sequence);
    }

    private static Activity Logged(string? connectorMessageId, long sequence, DateTimeOffset at) =>
        new("conv-1", sequence, ActivityKind.CustomerMessage, ParticipantRole.Customer, "cust-1", "cust-1", "cs-1", "hi", at,
            "+4930111", connectorMessageId, Sender: "+491701234567");
}
