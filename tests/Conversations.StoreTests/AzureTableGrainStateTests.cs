using Conversations.Silo.Hosting;
using Conversations.Testing;

namespace Conversations.StoreTests;

/// <summary>Grain state in Azure Table Storage (Azurite), the production default.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AzureTableGrainStateTests(AzureTableGrainStateTests.AzureTableCluster cluster)
    : GrainStateConformanceTests(cluster), IClassFixture<AzureTableGrainStateTests.AzureTableCluster>
{
    public sealed class AzureTableCluster(PostgresFixture postgres) : Cluster(postgres, GrainStateStore.AzureTable, TestStores.AzureStorage);
}
