using Conversations.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.UnitTests.Storage;

public sealed class NewGrainKeysTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AMintedKey_IsTakenOnce()
    {
        var keys = new NewGrainKeys(_clock);

        Assert.Equal("conv-1", keys.Mint("conv-1"));

        Assert.True(keys.TryTake("conv-1"));
        Assert.False(keys.TryTake("conv-1"));
        Assert.False(keys.TryTake("conv-2"));
    }

    [Fact]
    public void AGrainsKey_IsTheKeyItWasCreatedWith()
    {
        var keys = new NewGrainKeys(_clock);
        keys.Mint("conv-1");

        Assert.False(keys.TryTake(GrainId.Create("conversation", "conv-2")));
        Assert.True(keys.TryTake(GrainId.Create("conversation", "conv-1")));
        Assert.False(keys.TryTake(GrainId.Create("conversation", "conv-1")));
    }

    [Fact]
    public void AKeyNotTakenWithinItsLifetime_IsForgotten()
    {
        var keys = new NewGrainKeys(_clock);
        keys.Mint("conv-1");
        keys.Mint("conv-2");

        _clock.Advance(NewGrainKeys.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(keys.TryTake("conv-1"));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(keys.TryTake("conv-2"));
    }

    [Fact]
    public void AtCapacity_ANewKeyGoesUnrecordedUntilExpiredOnesMakeRoom()
    {
        var keys = new NewGrainKeys(_clock);
        for (var i = 0; i < NewGrainKeys.Capacity; i++)
        {
            keys.Mint($"old-{i}");
        }

        keys.Mint("unrecorded");
        Assert.False(keys.TryTake("unrecorded"));

        // Half a lifetime on, one key is taken and minted again: full again, and that key is fresh.
        _clock.Advance(NewGrainKeys.Lifetime / 2);
        Assert.True(keys.TryTake("old-0"));
        keys.Mint("old-0");
        _clock.Advance(NewGrainKeys.Lifetime / 2);
        keys.Mint("new");

        Assert.True(keys.TryTake("new"));
        Assert.True(keys.TryTake("old-0"));
        Assert.False(keys.TryTake("old-1"));
    }

    [Fact]
    public void None_RecordsNothing()
    {
        Assert.Equal("conv-1", NewGrainKeys.None.Mint("conv-1"));

        Assert.False(NewGrainKeys.None.TryTake("conv-1"));
    }
}
