using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conversations.Silo.Health;

/// <summary>
/// The grain-state table answers a one-row query, over the connection string the grain storage uses. A probe must
/// answer quickly, so it does not retry: the next probe is the retry.
/// </summary>
public sealed class AzureTableHealthCheck(string connectionString, string tableName) : IHealthCheck
{
    private static readonly TableClientOptions ProbeOptions = new() { Retry = { MaxRetries = 0 } };

    private readonly TableClient _table = new TableServiceClient(connectionString, ProbeOptions).GetTableClient(tableName);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var rows = _table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken);
            await using var pages = rows.AsPages(pageSizeHint: 1).GetAsyncEnumerator(cancellationToken);
            await pages.MoveNextAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The grain-state table {tableName} does not answer.", e);
        }
    }
}
