using Orleans;
using Orleans.Runtime;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Runs <see cref="PostgresSchema"/> at the very first silo lifecycle stage, before the ADO.NET
/// clustering, reminder and storage providers read their queries from the database.
/// </summary>
public sealed class PostgresSchemaMigration(PostgresSchema schema) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaMigration), ServiceLifecycleStage.First, async cancellationToken => await schema.MigrateAsync(cancellationToken));
}
