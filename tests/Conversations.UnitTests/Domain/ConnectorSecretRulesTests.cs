using Conversations.Connectors;
using static Conversations.UnitTests.Domain.Refusals;

namespace Conversations.UnitTests.Domain;

public sealed class ConnectorSecretRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<ConnectorSecret> First = ConnectorSecretRules.Rotate([], "k1", Now, TimeSpan.Zero);

    [Fact]
    public void Rotate_FromNone_HasOnlyTheCurrentSecret() =>
        Assert.Equal([new ConnectorSecret("k1", null)], First);

    [Fact]
    public void Rotate_WithOverlap_OldSecretGoodUntilTheOverlapEnds()
    {
        var rotated = ConnectorSecretRules.Rotate(First, "k2", Now, TimeSpan.FromHours(1));

        Assert.Equal(["k2", "k1"], Good(rotated, Now.AddMinutes(59)));
        Assert.Equal(["k2"], Good(rotated, Now.AddHours(1)));
        Assert.Equal(Now.AddHours(1), ConnectorSecretRules.PreviousGoodUntil(rotated));
    }

    [Fact]
    public void Rotate_WithoutOverlap_DropsTheOldSecretAtOnce()
    {
        var rotated = ConnectorSecretRules.Rotate(First, "k2", Now, TimeSpan.Zero);

        Assert.Equal([new ConnectorSecret("k2", null)], rotated);
        Assert.Null(ConnectorSecretRules.PreviousGoodUntil(rotated));
    }

    [Fact]
    public void Rotate_AgainWithinTheOverlap_KeepsTheEarlierEndAndDropsWhatEnded()
    {
        var second = ConnectorSecretRules.Rotate(First, "k2", Now, TimeSpan.FromHours(1));

        var third = ConnectorSecretRules.Rotate(second, "k3", Now.AddMinutes(30), TimeSpan.FromDays(1));
        var fourth = ConnectorSecretRules.Rotate(third, "k4", Now.AddHours(2), TimeSpan.FromDays(1));

        Assert.Equal(["k3", "k2", "k1"], Good(third, Now.AddMinutes(30)));
        Assert.Equal(Now.AddHours(1), third.Single(s => s.Value == "k1").RetiresAt);
        Assert.Equal(["k4", "k3", "k2"], fourth.Select(s => s.Value));
    }

    [Theory]
    [InlineData(null, ConnectorSecretRules.DefaultOverlapSeconds)]
    [InlineData(0, 0)]
    [InlineData(ConnectorSecretRules.MaxOverlapSeconds, ConnectorSecretRules.MaxOverlapSeconds)]
    public void Overlap_WithinBounds_IsTakenOrDefaulted(int? asked, int expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), ConnectorSecretRules.Overlap(asked));

    [Theory]
    [InlineData(-1)]
    [InlineData(ConnectorSecretRules.MaxOverlapSeconds + 1)]
    public void Overlap_OutOfBounds_IsInvalidNamingTheField(int asked) =>
        AssertInvalid(() => ConnectorSecretRules.Overlap(asked), "overlapSeconds");

    private static IEnumerable<string> Good(IReadOnlyList<ConnectorSecret> secrets, DateTimeOffset at) =>
        ConnectorSecretRules.GoodAt(secrets, at).Select(s => s.Value);
}
