using Conversations.Timing;

namespace Conversations.StoreTests;

/// <summary>What every wake-up book must do, whichever store holds it.</summary>
public abstract class WakeUpBookContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    protected abstract IWakeUpBook Book { get; }

    [Fact]
    public async Task TakeDue_EntryDue_TakenOnceUntilItsLeaseEnds()
    {
        var grain = NewGrain();
        await Book.BookAsync(grain, Now);

        Assert.Contains(grain, await TakeAsync(Now));
        Assert.DoesNotContain(grain, await TakeAsync(Now + Lease - TimeSpan.FromSeconds(1)));
        Assert.Contains(grain, await TakeAsync(Now + Lease));
    }

    [Fact]
    public async Task TakeDue_EntryNotDueYet_LeftAlone()
    {
        var grain = NewGrain();
        await Book.BookAsync(grain, Now + TimeSpan.FromSeconds(1));

        Assert.DoesNotContain(grain, await TakeAsync(Now));
        Assert.Contains(grain, await TakeAsync(Now + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Book_AgainWhileTaken_ReplacesTheEntryAndItsLease()
    {
        var grain = NewGrain();
        await Book.BookAsync(grain, Now);
        await TakeAsync(Now);

        await Book.BookAsync(grain, Now + TimeSpan.FromSeconds(5));

        Assert.DoesNotContain(grain, await TakeAsync(Now + TimeSpan.FromSeconds(4)));
        Assert.Contains(grain, await TakeAsync(Now + TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cancel_BookedEntry_NeverTaken()
    {
        var grain = NewGrain();
        await Book.BookAsync(grain, Now);

        await Book.CancelAsync(grain);

        Assert.DoesNotContain(grain, await TakeAsync(Now + TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task TakeDue_TwoSilosAtOnce_EachEntryGoesToOne()
    {
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToList();
        foreach (var grain in grains)
        {
            await Book.BookAsync(grain, Now);
        }

        var taken = await Task.WhenAll(TakeAsync(Now, limit: 25), TakeAsync(Now, limit: 25));

        var all = taken.SelectMany(t => t).Where(grains.Contains).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(grains.Count, all.Count);
    }

    [Fact]
    public async Task BookAndCancel_ManyGrainsAtOnce_EachEndsAsItsLastChangeSaid()
    {
        // Grains opening conversations together book at the same moment; each must end as its own last change said,
        // also when a grain's booking and cancelling arrive together.
        var booked = Enumerable.Range(0, 30).Select(_ => NewGrain()).ToList();
        var cancelled = Enumerable.Range(0, 10).Select(_ => NewGrain()).ToList();
        var rebooked = NewGrain();

        await Task.WhenAll(booked.Concat(cancelled).Select(grain => Book.BookAsync(grain, Now)));
        await Task.WhenAll(cancelled.Select(grain => Book.CancelAsync(grain))
            .Append(Book.BookAsync(rebooked, Now)).Append(Book.CancelAsync(rebooked)).Append(Book.BookAsync(rebooked, Now + Lease)));

        var taken = await TakeAsync(Now);
        Assert.Equal(booked.OrderBy(g => g.ToString()), taken.Where(booked.Contains).OrderBy(g => g.ToString()));
        Assert.DoesNotContain(taken, cancelled.Append(rebooked).Contains);
        Assert.Contains(rebooked, await TakeAsync(Now + Lease));
    }

    [Fact]
    public async Task TakeDue_Limit_EarliestFirst()
    {
        var late = NewGrain();
        var early = NewGrain();
        await Book.BookAsync(late, Now.AddYears(-1).AddSeconds(2));
        await Book.BookAsync(early, Now.AddYears(-1));

        var taken = await Book.TakeDueAsync(Now.AddYears(-1).AddSeconds(2), Lease, 1);

        Assert.Equal([early], taken);
    }

    private static GrainId NewGrain() => GrainId.Create("probe", Guid.NewGuid().ToString("N"));

    private async Task<IReadOnlyList<GrainId>> TakeAsync(DateTimeOffset at, int limit = 1000) => await Book.TakeDueAsync(at, Lease, limit);
}

public sealed class InMemoryWakeUpBookTests : WakeUpBookContract
{
    protected override IWakeUpBook Book { get; } = new InMemoryWakeUpBook();
}
