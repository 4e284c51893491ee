using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Conversations.WebHost.Operations;

/// <summary>
/// OpenTelemetry for a web host: traces and metrics of ASP.NET Core, outgoing HTTP, Orleans and whatever the host
/// adds; a Prometheus scrape endpoint; OTLP export only when an endpoint is configured.
/// Traces are recorded only when something takes them (an OTLP endpoint, or <see cref="TracingKey"/>): a recorded
/// span for every request, grain call and SQL command that nobody exports costs a fifth of a silo's CPU at load.
/// </summary>
public static class Telemetry
{
    /// <summary>Our key for the OTLP collector (gRPC, e.g. http://collector:4317); the standard OTEL_EXPORTER_OTLP_* variables work too.</summary>
    public const string OtlpEndpointKey = "Telemetry:OtlpEndpoint";

    public const string StandardOtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Records traces without an OTLP endpoint, for an exporter the host adds itself.</summary>
    public const string TracingKey = "Telemetry:Tracing";

    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The tag combinations a metric keeps apart (more fall into one overflow point). Every metric stream holds an
    /// array of this many points from its start; OpenTelemetry's default of 2,000 made the silo's 262 streams hold
    /// 46 MB, while the busiest (HTTP requests by route, method and status) has a few dozen to a few hundred.
    /// </summary>
    public const int MetricCardinalityLimit = 500;

    /// <summary>Orleans' meter, and the sources of its grain-call spans (created once activity propagation is on).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static WebApplicationBuilder AddConversationsTelemetry(
        this WebApplicationBuilder builder,
        string serviceName,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        var otlp = OtlpEndpoint(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName));
        if (RecordsTraces(builder.Configuration))
        {
            telemetry.WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperationsPath(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource(OrleansSources);
                tracing?.Invoke(t);
                if (otlp is not null)
                {
                    t.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        }

        telemetry.WithMetrics(m =>
        {
            m.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(OrleansMeter, "System.Runtime")
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricCardinalityLimit })
                .AddPrometheusExporter();
            metrics?.Invoke(m);
            if (otlp is not null)
            {
                m.AddOtlpExporter(o => o.Endpoint = otlp);
            }
        });
        return builder;
    }

    /// <summary>
    /// Whether this host records traces. Orleans' activity propagation (a filter on every grain call, both ways) is
    /// only worth its cost then: hosts add it when this says so.
    /// </summary>
    public static bool RecordsTraces(IConfiguration configuration) =>
        OtlpEndpoint(configuration) is not null || configuration.GetValue<bool>(TracingKey);

    /// <summary>The Prometheus scrape endpoint, open to the scraper like the health probes.</summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();

    /// <summary>Our key first; else the standard variable, which the exporter then reads itself (with its protocol).</summary>
    private static Uri? OtlpEndpoint(IConfiguration configuration) =>
        configuration[OtlpEndpointKey] is { Length: > 0 } ours ? new Uri(ours)
        : configuration[StandardOtlpEndpointKey] is { Length: > 0 } standard ? new Uri(standard)
        : null;

    // Probes and scrapes every few seconds would drown the traces that matter.
    private static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(HealthEndpoints.PathBase);
}
