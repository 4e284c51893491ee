using Conversations.Silo.Hosting;
using Conversations.Testing;

namespace Conversations.StoreTests;

/// <summary>Grain state in Azure Table Storage (Azurite), the production default.</summary>
public sealed class AzureTableGrainStateTests : GrainStateConformanceTests
{
    protected override GrainStateStore Store => GrainStateStore.AzureTable;

    protected override string? AzureStorage => TestStores.AzureStorage;
}
