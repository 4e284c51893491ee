using Conversations.Silo.Hosting;
using Orleans.Runtime;
using Conversations.Testing;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class MembershipTests(PostgresFixture database)
{
    [Fact]
    public async Task MembershipTable_TwoSilosThenOneStops_BothActiveInOneClusterThenTheStoppedOneDead()
    {
        var clusterId = TestStores.UniqueName("svc");
        var cluster = ProductionTestCluster.Build(database.ConnectionString, null, GrainStateStore.Postgres, clusterId, silos: 2);
        await cluster.DeployAsync();
        try
        {
            var hosts = await cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

            Assert.Equal(2, hosts.Count);
            Assert.Equal(cluster.Silos.Select(s => s.SiloAddress).Order(), hosts.Keys.Order());
            Assert.Equal(2, await database.ScalarAsync<long>(
                $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{clusterId}' AND status = {(int)SiloStatus.Active}"));

            // The test cluster has no primary silo when it does not bring its own membership: all are peers.
            var leaving = cluster.Silos[1];
            var staying = cluster.Silos[0];
            await cluster.StopSiloAsync(leaving);

            Assert.Equal(SiloStatus.Dead, (SiloStatus)await database.ScalarAsync<int>(
                $"SELECT status FROM orleans_membership WHERE deployment_id = '{clusterId}' AND port = {leaving.SiloAddress.Endpoint.Port} AND generation = {leaving.SiloAddress.Generation}"));
            var remaining = await cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal([staying.SiloAddress], remaining.Keys);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
