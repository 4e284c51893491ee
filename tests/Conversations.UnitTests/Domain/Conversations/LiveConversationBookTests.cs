using Conversations.Activities;
using Conversations.Conversations;

namespace Conversations.UnitTests.Domain.Conversations;

/// <summary>What supervisors see of a conversation, and how the list of live ones follows the reports.</summary>
public sealed class LiveConversationBookTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, LiveConversation> _live = [];
    private readonly Dictionary<string, DateTimeOffset> _ended = [];

    private LiveConversationBook Book => new(_live, _ended);

    [Theory]
    [InlineData(0, 2)]
    [InlineData(200, 2)]
    [InlineData(1_600, 16)]
    [InlineData(10_000, 100)]
    public void StoreInterval_GrowsWithTheBookPastTwoHundred(int conversations, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), LiveConversationBook.StoreInterval(conversations));
    }

    [Theory]
    [InlineData(100, 1, false, false)]
    [InlineData(100, 2, false, true)]
    [InlineData(1_600, 15, false, false)]
    [InlineData(1_600, 16, false, true)]
    [InlineData(1_600, 2, true, true)]
    [InlineData(1_600, 1, true, false)]
    public void StoreDue_AfterItsIntervalOrTwoSecondsWithAClosingWaiting(int conversations, int secondsSinceStored, bool closing, bool due)
    {
        Assert.Equal(due, LiveConversationBook.StoreDue(conversations, TimeSpan.FromSeconds(secondsSinceStored), closing));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void StoresClosingAtOnce_OnlyWhileTheBookIsSmall(int conversations, bool atOnce)
    {
        Assert.Equal(atOnce, LiveConversationBook.StoresClosingAtOnce(conversations));
    }

    [Fact]
    public void Of_NotStarted_IsNothing()
    {
        Assert.Null(LiveConversation.Of("conv-1", new ConversationState(), Start));
    }

    [Fact]
    public void Of_AgentInAndOneLeft_ShowsTheAgentStillInTheChannelWrittenOnLastAndSinceWhen()
    {
        var state = State(ConversationStatus.Active);
        state.Sessions = [new("cs-1", "svc-whatsapp", "+491", IsOpen: true), new("cs-2", "svc-sms", "+491", IsOpen: true)];
        state.LastActiveSessionId = "cs-1";
        state.Participants =
        [
            new(ParticipantRole.Customer, "cust-1", Start, null),
            new(ParticipantRole.Agent, "alice", Start.AddMinutes(1), Start.AddMinutes(2)),
            new(ParticipantRole.Agent, "bob", Start.AddMinutes(3), null),
        ];
        state.History = [new(ConversationStatus.Created, Start, null), new(ConversationStatus.Active, Start.AddMinutes(3), ConversationEvent.AgentJoined)];
        state.OpenTaskId = "task-1";

        var entry = LiveConversation.Of("conv-1", state, Start.AddMinutes(4))!;

        Assert.Equal(("svc-whatsapp", "task-1", Start.AddMinutes(3), Start), (entry.ServiceIdentifier, entry.OpenTaskId, entry.StateSince, entry.CreatedAt));
        Assert.Equal(["bob"], entry.AgentIds);
    }

    [Fact]
    public void ShowsTheSameAs_OnlyTheReportTimeDiffers_IsTrue()
    {
        var entry = Entry("conv-1", ConversationStatus.Active, Start, "alice");

        Assert.True(entry.ShowsTheSameAs(Entry("conv-1", ConversationStatus.Active, Start.AddSeconds(5), "alice")));
        Assert.False(entry.ShowsTheSameAs(Entry("conv-1", ConversationStatus.Active, Start, "bob")));
        Assert.False(entry.ShowsTheSameAs(Entry("conv-1", ConversationStatus.Inactive, Start)));
        Assert.False(entry.ShowsTheSameAs(null));
    }

    [Fact]
    public void Record_NewThenChanged_KeepsTheLatest()
    {
        Assert.True(Book.Record(Entry("conv-1", ConversationStatus.Created, Start)));

        Assert.True(Book.Record(Entry("conv-1", ConversationStatus.Active, Start.AddSeconds(1), "alice")));

        var live = Assert.Single(Book.Live);
        Assert.Equal((ConversationStatus.Active, "alice"), (live.State, live.AgentIds.Single()));
    }

    [Fact]
    public void Record_TheSameAgain_ChangesNothing()
    {
        Book.Record(Entry("conv-1", ConversationStatus.Created, Start));

        Assert.False(Book.Record(Entry("conv-1", ConversationStatus.Created, Start.AddSeconds(1))));
    }

    [Fact]
    public void Record_AnOlderReportArrivingLate_IsIgnored()
    {
        Book.Record(Entry("conv-1", ConversationStatus.Active, Start.AddSeconds(2), "alice"));

        Assert.False(Book.Record(Entry("conv-1", ConversationStatus.Created, Start.AddSeconds(1))));
        Assert.Equal(ConversationStatus.Active, Assert.Single(Book.Live).State);
    }

    [Fact]
    public void Record_Closed_TakesItOutAndALateReportCannotBringItBack()
    {
        Book.Record(Entry("conv-1", ConversationStatus.Closing, Start.AddSeconds(1)));

        Assert.True(Book.Record(Entry("conv-1", ConversationStatus.Closed, Start.AddSeconds(3))));
        Assert.False(Book.Record(Entry("conv-1", ConversationStatus.Inactive, Start.AddSeconds(2))));

        Assert.Empty(Book.Live);
    }

    [Fact]
    public void Record_ManyClosed_RemembersOnlyTheLatestEnded()
    {
        for (var i = 0; i <= LiveConversationBook.EndedKept; i++)
        {
            Book.Record(Entry($"conv-{i}", ConversationStatus.Closed, Start.AddSeconds(i)));
        }

        Assert.Equal(LiveConversationBook.EndedKept, _ended.Count);
        Assert.DoesNotContain("conv-0", _ended.Keys);
    }

    [Fact]
    public void ShardOf_Conversations_SpreadOverAllShardsTheSameWayEverywhere()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => "conv-" + Guid.NewGuid().ToString("N")).ToList();

        Assert.All(ids, id => Assert.InRange(LiveConversationBook.ShardOf(id), 0, LiveConversationBook.Shards - 1));
        Assert.Equal(LiveConversationBook.Shards, ids.Select(LiveConversationBook.ShardOf).Distinct().Count());
        // Pinned: stored books are found by it, so it must not change between processes or releases.
        Assert.Equal(39, LiveConversationBook.ShardOf("conv-0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public void Live_OldestFirst()
    {
        Book.Record(Entry("conv-b", ConversationStatus.Created, Start) with { CreatedAt = Start.AddMinutes(1) });
        Book.Record(Entry("conv-a", ConversationStatus.Created, Start) with { CreatedAt = Start.AddMinutes(2) });
        Book.Record(Entry("conv-c", ConversationStatus.Created, Start));

        Assert.Equal(["conv-c", "conv-b", "conv-a"], Book.Live.Select(c => c.ConversationId));
    }

    private static ConversationState State(ConversationStatus status) =>
        new() { CustomerId = "cust-1", Status = status, CreatedAt = Start };

    private static LiveConversation Entry(string id, ConversationStatus state, DateTimeOffset reportedAt, params string[] agents) =>
        new(id, "cust-1", state, Start, Start, "svc-1", [.. agents], null, reportedAt);
}
