using Conversations.Customers;

namespace Conversations.UnitTests.Customers;

public sealed class KnownIdentitiesTests
{
    [Fact]
    public void ARememberedOwner_IsFound_AndTheLatestWins()
    {
        var known = new KnownIdentities();

        Assert.False(known.TryFind("identity-phone-+1", out _));
        known.Remember("identity-phone-+1", "cust-a");
        known.Remember("identity-phone-+1", "cust-b");

        Assert.True(known.TryFind("identity-phone-+1", out var owner));
        Assert.Equal("cust-b", owner);
        Assert.False(known.TryFind("identity-phone-+2", out _));
    }

    [Fact]
    public void PastItsCapacity_TheIdentitiesNotAskedForAgain_AreForgotten()
    {
        var known = new KnownIdentities(capacity: 6);
        known.Remember("a", "cust-a");
        known.Remember("b", "cust-b");
        known.Remember("c", "cust-c");
        // The recent generation held half the capacity: a, b and c are now the older one.
        known.Remember("d", "cust-d");
        Assert.True(known.TryFind("a", out var a));
        Assert.Equal("cust-a", a);
        // Full again: d, a and e become the older generation, and b and c go.
        known.Remember("e", "cust-e");

        Assert.False(known.TryFind("b", out _));
        Assert.False(known.TryFind("c", out _));
        Assert.True(known.TryFind("d", out _));
        Assert.True(known.TryFind("a", out _));
        Assert.True(known.TryFind("e", out _));
    }

    [Fact]
    public void AnOwnerChangedAfterItAged_IsFoundAsChanged()
    {
        var known = new KnownIdentities(capacity: 4);
        known.Remember("a", "cust-a");
        known.Remember("b", "cust-b");

        known.Remember("a", "cust-merged-into");

        Assert.True(known.TryFind("a", out var owner));
        Assert.Equal("cust-merged-into", owner);
    }
}
