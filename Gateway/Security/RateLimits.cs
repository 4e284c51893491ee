using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Conversations.Gateway.Security;

/// <summary>
/// Abuse limits: login attempts per client address, inbound calls per connector (a token bucket, so bursts up to
/// <see cref="SecurityOptions.ConnectorBurst"/> pass), the same for providers' webhooks per connector named in their
/// path (counted before the signature is checked, so forged calls cannot make the gateway check signatures without
/// end either). Refusals are 429 problem details with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string ConnectorRateLimit = "connector";
    public const string ProviderRateLimit = "provider";

    public static void AddGatewayRateLimits(this IServiceCollection services, SecurityOptions options) =>
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(AuthEndpoints.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.LoginAttemptsPerMinutePerAddress,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.AddPolicy(ConnectorRateLimit, http => ConnectorBucket(http.User.ConnectorId(), options));
            o.AddPolicy(ProviderRateLimit, http => ConnectorBucket(http.Request.RouteValues["connectorId"] as string ?? string.Empty, options));
            o.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> ConnectorBucket(string connectorId, SecurityOptions options) =>
        RateLimitPartition.GetTokenBucketLimiter(connectorId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.ConnectorBurst,
            TokensPerPeriod = options.ConnectorRequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "Slow down and retry after the time in the Retry-After header.",
            },
        });
    }
}
