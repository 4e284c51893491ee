using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conversations.Silo.Health;

/// <summary>Ready once the host, and with it the silo, has started; no longer once it is stopping.</summary>
public sealed class SiloStartedHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("The silo is stopping.")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The silo has not started yet."));
}
