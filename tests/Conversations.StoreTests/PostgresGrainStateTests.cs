using Conversations.Silo.Hosting;

namespace Conversations.StoreTests;

/// <summary>Grain state in PostgreSQL through the ADO.NET provider (Silo:GrainState=Postgres).</summary>
public sealed class PostgresGrainStateTests : GrainStateConformanceTests
{
    protected override GrainStateStore Store => GrainStateStore.Postgres;

    protected override string? AzureStorage => null;
}
