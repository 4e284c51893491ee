using Conversations.Silo.Hosting;
using Conversations.Testing;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class ReminderTests(PostgresFixture database)
{
    private static readonly TimeSpan FireTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Reminder_ClusterRestarted_StoredInPostgresAndFiresAgain()
    {
        var serviceId = TestStores.UniqueName("svc");
        var key = TestStores.UniqueName("probe");

        var first = ProductionTestCluster.Build(database.ConnectionString, null, GrainStateStore.Postgres, serviceId);
        await first.DeployAsync();
        await first.GrainFactory.GetGrain<IReminderProbeGrain>(key).StartAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var fired = await ReminderProbe.NextAsync(key, FireTimeout);
        Assert.Equal(first.Silos[0].SiloAddress.ToString(), fired.Silo);
        Assert.Equal(1, await database.ScalarAsync<long>($"SELECT count(*) FROM orleans_reminder WHERE service_id = '{serviceId}' AND reminder_name = '{ReminderProbeGrain.ReminderName}'"));
        await first.StopAllSilosAsync();
        await first.DisposeAsync();
        ReminderProbe.Drain();

        // Nobody calls the grain now: only the reminder read back from PostgreSQL can wake it.
        var second = ProductionTestCluster.Build(database.ConnectionString, null, GrainStateStore.Postgres, serviceId);
        await second.DeployAsync();
        try
        {
            var firedAgain = await ReminderProbe.NextAsync(key, FireTimeout);
            Assert.Equal(second.Silos[0].SiloAddress.ToString(), firedAgain.Silo);

            await second.GrainFactory.GetGrain<IReminderProbeGrain>(key).StopAsync();
            Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM orleans_reminder WHERE service_id = '{serviceId}'"));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
