namespace Conversations.Silo.Hosting;

/// <summary>What the production profile's stores need: the PostgreSQL database and, for Azure Table grain state, the storage account.</summary>
public sealed record ProductionStoreOptions(
    string PostgresConnectionString,
    string? AzureStorageConnectionString,
    GrainStateStore GrainState,
    string GrainStateTable)
{
    /// <summary>The ADO.NET invariant the Orleans providers use to find Npgsql.</summary>
    public const string AdoNetInvariant = "Npgsql";

    public const string PostgresConnectionName = "Postgres";
    public const string AzureStorageConnectionName = "AzureStorage";

    /// <summary>Reads ConnectionStrings:Postgres and ConnectionStrings:AzureStorage, failing with the key to set when one is missing.</summary>
    public static ProductionStoreOptions From(IConfiguration configuration, SiloOptions silo)
    {
        var postgres = configuration.GetConnectionString(PostgresConnectionName);
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException(
                $"The Production profile needs ConnectionStrings:{PostgresConnectionName} (environment variable ConnectionStrings__{PostgresConnectionName}).");
        }

        var azure = configuration.GetConnectionString(AzureStorageConnectionName);
        if (silo.GrainState == GrainStateStore.AzureTable && string.IsNullOrWhiteSpace(azure))
        {
            throw new InvalidOperationException(
                $"The Production profile keeps grain state in Azure Table Storage and needs ConnectionStrings:{AzureStorageConnectionName} "
                + $"(environment variable ConnectionStrings__{AzureStorageConnectionName}), or set Silo:GrainState=Postgres.");
        }

        return new ProductionStoreOptions(postgres, azure, silo.GrainState, silo.GrainStateTable);
    }
}
