using Azure.Data.Tables;
using Conversations.WebHost.Operations;
using Conversations.Silo.Health;
using Conversations.Silo.Hosting;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Conversations.StoreTests;

/// <summary>The production silo's readiness checks, as the health endpoint runs them, against the real stores and against stores that are not there.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadinessTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly string _table = TestStores.UniqueName("ready");

    public async Task InitializeAsync() => await new TableServiceClient(TestStores.AzureStorage).CreateTableIfNotExistsAsync(_table);

    public async Task DisposeAsync() => await new TableServiceClient(TestStores.AzureStorage).DeleteTableAsync(_table);

    [Fact]
    public async Task Ready_StoresAnswer_EveryCheckHealthy()
    {
        var report = await ReadinessAsync(postgres.ConnectionString, TestStores.AzureStorage, _table);

        Assert.Equal(
            [("grain-state-table", HealthStatus.Healthy), ("postgres", HealthStatus.Healthy), ("silo", HealthStatus.Healthy)],
            Statuses(report));
    }

    [Fact]
    public async Task Ready_StoresUnreachable_PostgresAndTableUnhealthy()
    {
        var nowhere = FreePort.Next();
        var postgresNowhere = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Port = nowhere, Timeout = 2 }.ConnectionString;
        var azureNowhere = TestStores.AzureStorage.Split(';')
            .Select(part => part.StartsWith("TableEndpoint=", StringComparison.Ordinal) ? $"TableEndpoint=http://127.0.0.1:{nowhere}/devstoreaccount1" : part);

        var report = await ReadinessAsync(postgresNowhere, string.Join(';', azureNowhere), _table);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(
            [("grain-state-table", HealthStatus.Unhealthy), ("postgres", HealthStatus.Unhealthy), ("silo", HealthStatus.Healthy)],
            Statuses(report));
    }

    [Fact]
    public async Task Ready_GrainStateTableMissing_TableUnhealthy()
    {
        var report = await ReadinessAsync(postgres.ConnectionString, TestStores.AzureStorage, TestStores.UniqueName("missing"));

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["grain-state-table"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["postgres"].Status);
    }

    /// <summary>The checks the silo registers for the production profile, run as <c>/health/ready</c> runs them.</summary>
    private static async Task<HealthReport> ReadinessAsync(string postgresConnection, string azureStorage, string table)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostApplicationLifetime, StartedHost>();
        services.AddSingleton(_ => NpgsqlDataSource.Create(postgresConnection));
        services.AddSiloHealthChecks(new ProductionStoreOptions(postgresConnection, azureStorage, GrainStateStore.AzureTable, table));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains(HealthEndpoints.ReadyTag));
    }

    private static List<(string, HealthStatus)> Statuses(HealthReport report) =>
        [.. report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Status))];

    private sealed class StartedHost : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted { get; } = new(canceled: true);

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
