using Conversations.Serialization;
using Conversations.Silo.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Conversations.StoreTests;

/// <summary>Applies the production stores to a test silo; settings come from the test cluster's properties.</summary>
public sealed class ProductionSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddDomainSerialization();
        var configuration = siloBuilder.Configuration;
        siloBuilder.AddConversationsProductionStores(new ProductionStoreOptions(
            configuration[ProductionTestCluster.PostgresKey]!,
            configuration[ProductionTestCluster.AzureStorageKey],
            Enum.Parse<GrainStateStore>(configuration[ProductionTestCluster.GrainStateKey]!),
            configuration[ProductionTestCluster.GrainStateTableKey]!));

        // Orleans refuses reminder periods under a minute by default; the tests must see reminders fire in seconds.
        siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }
}
