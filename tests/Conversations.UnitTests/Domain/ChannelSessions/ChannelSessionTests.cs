using Conversations.ChannelSessions;

namespace Conversations.UnitTests.Domain.ChannelSessions;

/// <summary>The session's deadline rule: inactive from the deadline on, whatever any timer did.</summary>
public sealed class ChannelSessionTests
{
    private static readonly DateTimeOffset Opened = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly ChannelSessionOpening Opening = new(
        "conv-1", "cust-1", "+4930123456", "WHATSAPP", "+491701234567", SessionDirection.Inbound,
        new Dictionary<string, string> { ["locale"] = "de-DE" }, Timeout);

    public enum Shape
    {
        Open,
        Closed,
        KeptOpenPastDeadline,
    }

    public static TheoryData<Shape, int, SessionTouch> Touches() => new()
    {
        // session, seconds after opening, what the touch does
        { Shape.Open, 0, SessionTouch.Touched },
        { Shape.Open, 599, SessionTouch.Touched },
        { Shape.Open, 600, SessionTouch.Expired },
        { Shape.Open, 3600, SessionTouch.Expired },
        { Shape.Closed, 1, SessionTouch.Closed },
        { Shape.Closed, 3600, SessionTouch.Closed },
        { Shape.KeptOpenPastDeadline, 3600, SessionTouch.Touched },
    };

    [Theory]
    [MemberData(nameof(Touches))]
    public void Touch_InEachShapeAndMoment_TakesTheMessageOnlyBeforeTheDeadline(Shape shape, int seconds, SessionTouch expected)
    {
        var state = Session(shape);
        var at = Opened.AddSeconds(seconds);
        var model = new ChannelSession(state, at);

        Assert.Equal(expected, model.Touch(new Dictionary<string, string>()));

        if (expected == SessionTouch.Touched)
        {
            Assert.Equal(at + Timeout, model.Deadline);
            Assert.Equal(shape == Shape.KeptOpenPastDeadline, model.MustStore);
        }
        else
        {
            Assert.Equal(state.ExpiresAt, model.State.ExpiresAt);
            Assert.False(model.MustStore);
        }
    }

    [Theory]
    [InlineData(599, false)]
    [InlineData(600, true)]
    [InlineData(601, true)]
    public void IsInactive_AroundTheDeadline_FromTheDeadlineOn(int seconds, bool inactive) =>
        Assert.Equal(inactive, new ChannelSession(Session(Shape.Open), Opened.AddSeconds(seconds)).IsInactive);

    [Fact]
    public void Open_Twice_KeepsTheFirst()
    {
        var model = new ChannelSession(Session(Shape.Open), Opened.AddMinutes(1));

        Assert.False(model.Open(Opening with { ConversationId = "conv-2" }));

        Assert.Equal("conv-1", model.State.Opening!.ConversationId);
        Assert.False(model.MustStore);
    }

    [Fact]
    public void Touch_NewChannelData_MergedAndStored()
    {
        var model = new ChannelSession(Session(Shape.Open), Opened.AddMinutes(1));

        model.Touch(new Dictionary<string, string> { ["locale"] = "de-DE", ["profileName"] = "Jane" });

        Assert.Equal("Jane", model.State.ChannelData["profileName"]);
        Assert.True(model.MustStore);
    }

    [Fact]
    public void Touch_SameChannelData_MovesTheDeadlineInMemoryOnly()
    {
        var model = new ChannelSession(Session(Shape.Open), Opened.AddMinutes(1));

        model.Touch(new Dictionary<string, string> { ["locale"] = "de-DE" });

        Assert.False(model.MustStore);
        Assert.Equal(Opened.AddMinutes(11), model.Deadline);
    }

    [Theory]
    [InlineData(599, false)]
    [InlineData(600, true)]
    public void AcknowledgeInactivity_OnlyOncePastTheDeadline_StopsWatching(int seconds, bool acknowledged)
    {
        var model = new ChannelSession(Session(Shape.Open), Opened.AddSeconds(seconds));

        model.AcknowledgeInactivity();

        Assert.Equal(acknowledged, model.Deadline is null);
        Assert.Equal(acknowledged, model.MustStore);
    }

    [Fact]
    public void Close_OpenSession_StopsWatchingAndRemembersWhy()
    {
        var model = new ChannelSession(Session(Shape.Open), Opened.AddMinutes(3));

        model.Close(SessionCloseReason.CustomerLeft);

        Assert.Equal((ChannelSessionStatus.Closed, SessionCloseReason.CustomerLeft, Opened.AddMinutes(3)), (model.State.Status, model.State.CloseReason, model.State.ClosedAt));
        Assert.Null(model.Deadline);
    }

    [Theory]
    [InlineData(SessionCloseReason.Inactivity, 10)]
    [InlineData(SessionCloseReason.CustomerLeft, 13)]
    [InlineData(SessionCloseReason.Controller, 13)]
    public void Close_ActedOnAfterTheDeadline_InactivityDatesFromTheDeadline(SessionCloseReason reason, int closedAtMinute)
    {
        var model = new ChannelSession(Session(Shape.Open), Opened.AddMinutes(13));

        model.Close(reason);

        Assert.Equal(Opened.AddMinutes(closedAtMinute), model.State.ClosedAt);
    }

    [Fact]
    public void Close_AlreadyClosed_KeepsTheFirstReason()
    {
        var model = new ChannelSession(Session(Shape.Closed), Opened.AddMinutes(3));

        model.Close(SessionCloseReason.Inactivity);

        Assert.Equal(SessionCloseReason.Controller, model.State.CloseReason);
        Assert.False(model.MustStore);
    }

    [Theory]
    [InlineData(5, 15)]
    [InlineData(-5, 10)]
    public void CatchUp_LoggedMessageAfterTheStoredOne_DeadlineCountsFromIt(int loggedMinutes, int deadlineMinutes)
    {
        var model = new ChannelSession(Session(Shape.Open), Opened.AddMinutes(6));

        model.CatchUp(Opened.AddMinutes(loggedMinutes));

        Assert.Equal(Opened.AddMinutes(deadlineMinutes), model.Deadline);
    }

    [Fact]
    public void Decision_LeavesTheStoredStateAlone()
    {
        var stored = Session(Shape.Open);

        new ChannelSession(stored, Opened.AddMinutes(1)).Touch(new Dictionary<string, string> { ["k"] = "v" });

        Assert.Equal(Opened + Timeout, stored.ExpiresAt);
        Assert.DoesNotContain("k", stored.ChannelData.Keys);
    }

    private static ChannelSessionState Session(Shape shape)
    {
        var model = new ChannelSession(new ChannelSessionState(), Opened);
        model.Open(Opening);
        if (shape == Shape.Closed)
        {
            model.Close(SessionCloseReason.Controller);
        }
        else if (shape == Shape.KeptOpenPastDeadline)
        {
            model = new ChannelSession(model.State, Opened + Timeout);
            model.AcknowledgeInactivity();
        }

        return model.State;
    }
}
