using Conversations.Testing;

namespace Conversations.UnitTests.Testing;

/// <summary>The waits every other test project relies on must fail when what they wait for does not happen.</summary>
public sealed class EventuallyTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task MatchesAsync_ConditionHoldsAfterAFewReads_ReturnsTheMatchingValue()
    {
        var reads = 0;

        var value = await Eventually.MatchesAsync(() => ++reads, n => n == 3);

        Assert.Equal(3, value);
    }

    [Fact]
    public async Task MatchesAsync_ConditionNeverHolds_FailsSayingWhatItWaitedForAndLastRead()
    {
        var failure = await Assert.ThrowsAsync<EventuallyException>(() =>
            Eventually.MatchesAsync(() => new Probe("queued", [1, 2]), p => p.State == "done", within: Short));

        Assert.Contains("p => p.State == \"done\"", failure.Message);
        Assert.Contains("""Last read: {"State":"queued","Items":[1,2]}""", failure.Message);
    }

    [Fact]
    public async Task MatchesAsync_GivenADescription_NamesItInTheFailure()
    {
        var failure = await Assert.ThrowsAsync<EventuallyException>(() =>
            Eventually.MatchesAsync(() => new List<string> { "a", "b" }, l => l.Count == 0, "the list to empty", Short));

        Assert.Contains("for the list to empty", failure.Message);
        Assert.Contains("""Last read: ["a","b"]""", failure.Message);
    }

    [Fact]
    public async Task MatchesAsync_ReadKeepsThrowing_FailsWithTheReadsException()
    {
        var failure = await Assert.ThrowsAsync<EventuallyException>(() =>
            Eventually.MatchesAsync(() => Task.FromException<int>(new InvalidOperationException("no such conversation")), n => n > 0, within: Short));

        Assert.Contains("threw InvalidOperationException: no such conversation", failure.Message);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public async Task MatchesAsync_ConditionThrowsOnTheValue_FailsWithTheValueAndTheException()
    {
        var failure = await Assert.ThrowsAsync<EventuallyException>(() =>
            Eventually.MatchesAsync(() => Array.Empty<string>(), a => a.Single() == "x", within: Short));

        Assert.Contains("Last read: []", failure.Message);
        Assert.Contains("The condition threw InvalidOperationException", failure.Message);
    }

    [Fact]
    public async Task MatchesAsync_ReadThrowsAtFirst_RetriesUntilItMatches()
    {
        var reads = 0;

        var value = await Eventually.MatchesAsync(() => ++reads < 3 ? throw new InvalidOperationException("not yet") : reads, n => n == 3);

        Assert.Equal(3, value);
    }

    [Fact]
    public async Task HoldsAsync_ConditionKeepsHolding_ReturnsTheLastValue()
    {
        var value = await Eventually.HoldsAsync(() => Task.FromResult("open"), s => s == "open", window: Short);

        Assert.Equal("open", value);
    }

    [Fact]
    public async Task HoldsAsync_ConditionStopsHolding_FailsSayingWhatItRead()
    {
        var reads = 0;

        var failure = await Assert.ThrowsAsync<EventuallyException>(() =>
            Eventually.HoldsAsync(() => Task.FromResult(new Probe(++reads < 3 ? "open" : "closed", [])), p => p.State == "open", window: TimeSpan.FromSeconds(10)));

        Assert.Contains("Expected p => p.State == \"open\" for 10 s, but after", failure.Message);
        Assert.Contains("""Read: {"State":"closed","Items":[]}""", failure.Message);
    }

    private sealed record Probe(string State, IReadOnlyList<int> Items);
}
