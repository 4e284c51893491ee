using Conversations.Outbound;

namespace Conversations.UnitTests.Domain;

public sealed class OutboundPaceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reserve_ASecondsWorth_GoesAtOnceThenTheNextWaitsASecond()
    {
        var pace = new OutboundPace();

        var slots = Enumerable.Range(0, 7).Select(_ => pace.Reserve(Now, 3)).ToList();

        Assert.Equal([Now, Now, Now, Now.AddSeconds(1), Now.AddSeconds(1), Now.AddSeconds(1), Now.AddSeconds(2)], slots);
    }

    [Fact]
    public void Reserve_AfterAQuietSecond_IsNow()
    {
        var pace = new OutboundPace();
        pace.Reserve(Now, 1);

        Assert.Equal(Now.AddSeconds(5), pace.Reserve(Now.AddSeconds(5), 1));
    }

    [Fact]
    public void Reserve_ManySlots_NeverMoreThanTheRateInAnySecond()
    {
        var pace = new OutboundPace();
        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < 500; i++)
        {
            slots.Add(pace.Reserve(Now.AddMilliseconds(i * 3), 40));
        }

        Assert.All(slots, start => Assert.InRange(slots.Count(s => s >= start && s < start.AddSeconds(1)), 1, 40));
        Assert.Equal(slots.Order(), slots);
    }
}
