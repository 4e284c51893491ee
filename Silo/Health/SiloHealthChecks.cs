using Conversations.WebHost.Operations;
using Conversations.Silo.Hosting;

namespace Conversations.Silo.Health;

public static class SiloHealthChecks
{
    /// <summary>
    /// Readiness: the silo has started and, in the production profile, its stores answer: PostgreSQL always, the
    /// grain-state table when grain state is in Azure Table Storage (with Postgres grain state the first check covers it).
    /// </summary>
    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services, ProductionStoreOptions? production)
    {
        string[] ready = [HealthEndpoints.ReadyTag];
        var checks = services.AddHealthChecks()
            .AddCheck<SiloStartedHealthCheck>("silo", tags: ready, timeout: HealthEndpoints.CheckTimeout);
        if (production is null)
        {
            return services;
        }

        checks.AddCheck<PostgresHealthCheck>("postgres", tags: ready, timeout: HealthEndpoints.CheckTimeout);
        if (production is { GrainState: GrainStateStore.AzureTable, AzureStorageConnectionString: { } azure })
        {
            checks.AddCheck("grain-state-table", new AzureTableHealthCheck(azure, production.GrainStateTable), tags: ready, timeout: HealthEndpoints.CheckTimeout);
        }

        return services;
    }
}
