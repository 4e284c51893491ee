using Conversations.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.UnitTests.Hosting;

public sealed class LocalCopiesTests
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly List<string> _fetched = [];
    private readonly List<string> _failed = [];
    private Func<string, Task<string?>> _owner;

    public LocalCopiesTests() => _owner = key => Task.FromResult<string?>($"{key} v1");

    [Fact]
    public async Task AValue_IsFetchedOnceAndServedFromTheCopyUntilItIsOld()
    {
        var copies = Copies();

        Assert.Equal("a v1", await copies.GetAsync("a"));
        _clock.Advance(RefreshAfter - TimeSpan.FromMilliseconds(1));
        Assert.Equal("a v1", await copies.GetAsync("a"));

        Assert.Equal(["a"], _fetched);
    }

    [Fact]
    public async Task AnOldCopy_IsServedOnceMoreWhileOneFetchRefreshesIt()
    {
        var copies = Copies();
        await copies.GetAsync("a");
        var refresh = new TaskCompletionSource<string?>();
        _owner = _ => refresh.Task;
        _clock.Advance(RefreshAfter);

        Assert.Equal("a v1", await copies.GetAsync("a"));
        Assert.Equal("a v1", await copies.GetAsync("a"));
        refresh.SetResult("a v2");

        Assert.Equal("a v2", await copies.GetAsync("a"));
        Assert.Equal(["a", "a"], _fetched);
    }

    [Fact]
    public async Task AFailedRefresh_KeepsTheCopyAndTheNextCallTriesAgain()
    {
        var copies = Copies();
        await copies.GetAsync("a");
        _owner = _ => Task.FromException<string?>(new TimeoutException("owner's silo died"));
        _clock.Advance(RefreshAfter);

        Assert.Equal("a v1", await copies.GetAsync("a"));
        _owner = _ => Task.FromResult<string?>("a v2");
        Assert.Equal("a v1", await copies.GetAsync("a"));

        Assert.Equal(["a"], _failed);
        Assert.Equal("a v2", await copies.GetAsync("a"));
    }

    [Fact]
    public async Task AForgottenValue_IsFetchedAnewAtTheNextCall()
    {
        var copies = Copies();
        await copies.GetAsync("a");
        _owner = _ => Task.FromResult<string?>("a v2");

        copies.Forget("a");

        Assert.Equal("a v2", await copies.GetAsync("a"));
    }

    [Fact]
    public async Task AFetchBegunBeforeAForget_AnswersItsCallerButIsNotKept()
    {
        var copies = Copies();
        var before = new TaskCompletionSource<string?>();
        _owner = _ => before.Task;
        var early = copies.GetAsync("a");

        copies.Forget("a");
        before.SetResult("a v1");
        _owner = _ => Task.FromResult<string?>("a v2");

        Assert.Equal("a v1", await early);
        Assert.Equal("a v2", await copies.GetAsync("a"));
    }

    [Fact]
    public async Task ACopyLongUnused_IsFetchedBeforeItIsServed()
    {
        var copies = Copies();
        await copies.GetAsync("a");
        _owner = _ => Task.FromResult<string?>("a v2");

        _clock.Advance(RefreshAfter * LocalCopies<string, string>.MaxAgeServed);

        Assert.Equal("a v2", await copies.GetAsync("a"));
    }

    [Fact]
    public async Task ACopyLongUnused_IsServedWhenItsFetchFails()
    {
        var copies = Copies();
        await copies.GetAsync("a");
        _owner = _ => Task.FromException<string?>(new TimeoutException("owner's silo died"));

        _clock.Advance(RefreshAfter * LocalCopies<string, string>.MaxAgeServed);

        Assert.Equal("a v1", await copies.GetAsync("a"));
        Assert.Equal(["a"], _failed);
    }

    [Fact]
    public async Task AValueTheOwnerNoLongerHas_IsDroppedAtTheRefresh()
    {
        var copies = Copies();
        await copies.GetAsync("a");
        _owner = _ => Task.FromResult<string?>(null);
        _clock.Advance(RefreshAfter);

        Assert.Equal("a v1", await copies.GetAsync("a"));

        Assert.Null(await copies.GetAsync("a"));
    }

    [Fact]
    public async Task ACopyFromBeforeTheClockWasSetBack_IsFetchedBeforeItIsServed()
    {
        var clock = new SettableClock { Now = _clock.GetUtcNow() };
        var copies = Copies(clock);
        await copies.GetAsync("a");
        _owner = _ => Task.FromResult<string?>("a v2");

        clock.Now -= TimeSpan.FromMinutes(5);

        Assert.Equal("a v2", await copies.GetAsync("a"));
    }

    private LocalCopies<string, string> Copies(TimeProvider? clock = null) => new(
        key =>
        {
            _fetched.Add(key);
            return _owner(key);
        },
        RefreshAfter, clock ?? _clock, (_, key) => _failed.Add(key));

    /// <summary>A clock that can be set back, which the fake one refuses.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
