using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Conversations.Gateway.Security;

/// <summary>
/// Abuse limits: login attempts and new web chat visitors per client address; inbound calls per connector, the same for
/// providers' webhooks per connector named in their path (counted before the signature is checked, so forged calls
/// cannot make the gateway check signatures without end either), and calls per web chat visitor (token buckets, so
/// bursts up to <see cref="SecurityOptions.ConnectorBurst"/> or <see cref="SecurityOptions.VisitorBurst"/> pass).
/// Refusals are 429 problem details with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string ConnectorRateLimit = "connector";
    public const string ProviderRateLimit = "provider";
    public const string NewVisitorRateLimit = "new-visitor";
    public const string VisitorRateLimit = "visitor";

    public static void AddGatewayRateLimits(this IServiceCollection services, SecurityOptions options) =>
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(AuthEndpoints.LoginRateLimit, http => PerAddressPerMinute(http, options.LoginAttemptsPerMinutePerAddress));
            o.AddPolicy(NewVisitorRateLimit, http => PerAddressPerMinute(http, options.VisitorsPerMinutePerAddress));
            o.AddPolicy(ConnectorRateLimit, http => TokenBucket(http.User.ConnectorId(), options.ConnectorBurst, options.ConnectorRequestsPerSecond));
            o.AddPolicy(ProviderRateLimit, http => TokenBucket(
                http.Request.RouteValues["connectorId"] as string ?? string.Empty, options.ConnectorBurst, options.ConnectorRequestsPerSecond));
            // Per visitor, not per address: many visitors may share one address (an office, a mobile carrier's NAT).
            o.AddPolicy(VisitorRateLimit, http => TokenBucket(
                $"{http.User.FindFirst(VisitorIdentity.ServiceClaim)?.Value}\n{http.User.FindFirst(VisitorIdentity.CustomerClaim)?.Value}",
                options.VisitorBurst, options.VisitorRequestsPerSecond));
            o.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> PerAddressPerMinute(HttpContext http, int permits) => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static RateLimitPartition<string> TokenBucket(string key, int burst, int perSecond) => RateLimitPartition.GetTokenBucketLimiter(
        key,
        _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
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
