using Conversations.Silo.Hosting;

namespace Conversations.StoreTests;

/// <summary>Grain state in PostgreSQL through the ADO.NET provider (Silo:GrainState=Postgres).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStateTests(PostgresGrainStateTests.PostgresCluster cluster)
    : GrainStateConformanceTests(cluster), IClassFixture<PostgresGrainStateTests.PostgresCluster>
{
    public sealed class PostgresCluster(PostgresFixture postgres) : Cluster(postgres, GrainStateStore.Postgres, azureStorage: null);
}
