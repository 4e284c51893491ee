using Conversations.Silo.Hosting;
using Orleans.TestingHost;
using Conversations.Testing;

namespace Conversations.StoreTests;

/// <summary>
/// An Orleans test cluster wired with the production profile's stores (the same extension method the
/// silo process uses) instead of the test cluster's built-in membership.
/// </summary>
public static class ProductionTestCluster
{
    internal const string PostgresKey = "ConversationsTest:Postgres";
    internal const string AzureStorageKey = "ConversationsTest:AzureStorage";
    internal const string GrainStateKey = "ConversationsTest:GrainState";
    internal const string GrainStateTableKey = "ConversationsTest:GrainStateTable";

    public static TestCluster Build(string postgres, string? azureStorage, GrainStateStore grainState, string serviceId, short silos = 1)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = serviceId;
        builder.Properties[PostgresKey] = postgres;
        builder.Properties[AzureStorageKey] = azureStorage;
        builder.Properties[GrainStateKey] = grainState.ToString();
        builder.Properties[GrainStateTableKey] = TestStores.UniqueName("st");
        builder.AddSiloBuilderConfigurator<ProductionSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ProductionClientConfigurator>();
        return builder.Build();
    }
}
