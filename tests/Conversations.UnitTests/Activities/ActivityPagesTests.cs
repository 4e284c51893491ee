using Conversations.Activities;

namespace Conversations.UnitTests.Activities;

public sealed class ActivityPagesTests
{
    [Fact]
    public void Of_MoreRowsThanLimit_ReturnsLimitAndSaysThereIsMore()
    {
        var page = ActivityPages.Of(Rows(4, 5, 6), afterSequence: 3, limit: 2);

        Assert.Equal([4L, 5L], page.Items.Select(a => a.Sequence));
        Assert.Equal(5, page.NextAfterSequence);
        Assert.True(page.HasMore);
    }

    [Fact]
    public void Of_LastPage_HasNoMore()
    {
        var page = ActivityPages.Of(Rows(4), afterSequence: 3, limit: 2);

        Assert.Single(page.Items);
        Assert.False(page.HasMore);
    }

    [Fact]
    public void Of_NothingNew_KeepsTheCursor()
    {
        var page = ActivityPages.Of([], afterSequence: 7, limit: 10);

        Assert.Empty(page.Items);
        Assert.Equal(7, page.NextAfterSequence);
    }

    private static List<Activity> Rows(params long[] sequences) =>
        [.. sequences.Select(s => new Activity("conv-x", s, ActivityKind.CustomerMessage, ParticipantRole.Customer, null, "cust-x", null, "hi", DateTimeOffset.UnixEpoch))];
}
