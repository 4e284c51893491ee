using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace Conversations.WebHost.Operations;

/// <summary>
/// Liveness (the process answers HTTP) and readiness (the checks tagged <see cref="ReadyTag"/> pass). Both are open to
/// probes without credentials and answer only Healthy or Unhealthy (503), never the checks' details.
/// </summary>
public static class HealthEndpoints
{
    public const string PathBase = "/health";
    public const string LivePath = PathBase + "/live";
    public const string ReadyPath = PathBase + "/ready";
    public const string ReadyTag = "ready";

    /// <summary>A probe answers within this, whatever a store does.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
