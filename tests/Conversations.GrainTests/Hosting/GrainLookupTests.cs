using Conversations.Customers;
using Conversations.GrainTests.Foundation;
using Conversations.Health;

namespace Conversations.GrainTests.Hosting;

[Collection(ClusterCollection.Name)]
public sealed class GrainLookupTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Get_NamesTheGrainOrleansWouldName_AndCallsIt()
    {
        var customers = new[] { "cust-" + Guid.NewGuid().ToString("N"), "cust-" + Guid.NewGuid().ToString("N") };

        var looked = customers.Select(fixture.Grains.Get<ICustomerGrain>).ToArray();

        Assert.Equal(customers.Select(c => fixture.Grains.GetGrain<ICustomerGrain>(c).GetGrainId()), looked.Select(g => g.GetGrainId()));
        Assert.Equal(fixture.Grains.GetGrain<ICustomerGrain>(customers[0]), looked[0]);
        Assert.Equal(fixture.Grains.GetGrain<IPingGrain>(7).GetGrainId(), fixture.Grains.Get<IPingGrain>(7).GetGrainId());
        Assert.Null(await looked[1].GetAsync());
        await fixture.Grains.Get<IPingGrain>(7).PingAsync();
    }
}
