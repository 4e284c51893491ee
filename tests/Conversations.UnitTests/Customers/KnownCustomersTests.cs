using Conversations.Channels;
using Conversations.Customers;
using Conversations.Inbound;

namespace Conversations.UnitTests.Customers;

public sealed class KnownCustomersTests
{
    [Fact]
    public void Find_RememberedIdentity_AnswersItsCustomer()
    {
        var known = new KnownCustomers();
        var phone = new CustomerIdentity(IdentityKind.Phone, "+491701234567");

        known.Remember(phone, "cust-1");

        Assert.Equal("cust-1", known.Find(phone));
        Assert.Null(known.Find(new CustomerIdentity(IdentityKind.Phone, "+491707654321")));
    }

    [Fact]
    public void Remember_WhenFull_StartsAfreshAndKeepsTheNewest()
    {
        var known = new KnownCustomers();
        for (var n = 0; n < KnownCustomers.Capacity; n++)
        {
            known.Remember(new CustomerIdentity(IdentityKind.Phone, $"+49170{n:D7}"), $"cust-{n}");
        }

        var newest = new CustomerIdentity(IdentityKind.Phone, "+49171000000");
        known.Remember(newest, "cust-newest");

        Assert.Equal("cust-newest", known.Find(newest));
        Assert.Null(known.Find(new CustomerIdentity(IdentityKind.Phone, "+491700000000")));
    }
}
