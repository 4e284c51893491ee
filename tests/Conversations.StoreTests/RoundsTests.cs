using Conversations.Silo.Storage.Postgres;

namespace Conversations.StoreTests;

public sealed class RoundsTests
{
    [Fact]
    public void RequestsNamingARowAgain_GoInLaterRounds_InTheirOrder()
    {
        var rounds = Rounds.Of(["a", "b", "a", "c", "a", "b"]);

        Assert.Equal([[0, 1, 3], [2, 5], [4]], rounds);
    }

    [Fact]
    public void DistinctRows_AreOneRound()
    {
        Assert.Equal([[0, 1, 2]], Rounds.Of([3, 1, 2]));
    }
}
