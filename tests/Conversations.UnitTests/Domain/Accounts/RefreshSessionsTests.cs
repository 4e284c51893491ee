using Conversations.Accounts;

namespace Conversations.UnitTests.Domain.Accounts;

public sealed class RefreshSessionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Redeem_KnownToken_RemovesItAndDropsExpiredOnes()
    {
        IReadOnlyList<RefreshSession> sessions = [new("a", Now.AddDays(1)), new("b", Now.AddDays(2)), new("old", Now.AddDays(-1))];

        var remaining = RefreshSessions.Redeem(sessions, "a", Now);

        Assert.Equal([new RefreshSession("b", Now.AddDays(2))], remaining);
    }

    [Fact]
    public void Redeem_UnknownOrExpiredToken_IsNull()
    {
        IReadOnlyList<RefreshSession> sessions = [new("a", Now.AddDays(-1))];

        Assert.Null(RefreshSessions.Redeem(sessions, "a", Now));
        Assert.Null(RefreshSessions.Redeem(sessions, "z", Now));
    }

    [Fact]
    public void Add_BeyondTheLimit_TheSessionsEndingSoonestGiveWay()
    {
        IReadOnlyList<RefreshSession> sessions = [.. Enumerable.Range(1, RefreshSessions.MaxSessions).Select(i => new RefreshSession($"t{i}", Now.AddHours(i)))];

        var after = RefreshSessions.Add(sessions, new RefreshSession("new", Now.AddDays(14)), Now);

        Assert.Equal(RefreshSessions.MaxSessions, after.Count);
        Assert.DoesNotContain(after, s => s.TokenHash == "t1");
        Assert.Contains(after, s => s.TokenHash == "new");
    }
}
