namespace Conversations.Silo.Hosting;

/// <summary>Where the production profile keeps grain state (configuration key Silo:GrainState).</summary>
public enum GrainStateStore
{
    /// <summary>Azure Table Storage (Azurite locally), the design's default.</summary>
    AzureTable,

    /// <summary>PostgreSQL (<see cref="Storage.Postgres.PostgresGrainStorage"/>), for operators who want a single store.</summary>
    Postgres,
}
