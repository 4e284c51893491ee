using System.Net;
using Conversations.Operations;
using Conversations.Silo.Health;
using Conversations.Telemetry;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Conversations.Silo.Hosting;

/// <summary>
/// Builds the silo process: Orleans, the profile's stores, the dashboard at <see cref="DashboardPath"/>, health
/// probes and telemetry (<see cref="Telemetry"/>); JSON console logs in the production profile.
/// </summary>
public static class ConversationsSilo
{
    public const string DashboardPath = "/dashboard";
    public const string ServiceName = "conversations-silo";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var production = options.Profile == SiloProfile.Production ? ProductionStoreOptions.From(builder.Configuration, options) : null;

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.AddConversationsCore();
            silo.AddOrleansTuning();
            silo.AddActivityPropagation();
            switch (options.Profile)
            {
                case SiloProfile.Development:
                    silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                    silo.AddConversationsInMemoryStores();
                    break;
                case SiloProfile.Production:
                    silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIPAddress), options.SiloPort, options.GatewayPort, options.ListenOnAnyHostAddress);
                    silo.AddConversationsProductionStores(production!);
                    break;
                default:
                    throw new InvalidOperationException($"The {options.Profile} profile is not available in this build.");
            }

            silo.AddDashboard();
        });

        if (production is not null)
        {
            builder.Logging.AddJsonConsoleLogs();
        }

        builder.AddConversationsTelemetry(
            ServiceName,
            tracing => tracing.AddSource(ConversationsTracing.SourceName).AddNpgsql(),
            metrics => metrics.AddMeter(ConversationsMetrics.MeterName).AddNpgsqlInstrumentation());
        builder.Services.AddSiloHealthChecks(production);

        var app = builder.Build();
        app.MapGet("/", () => Results.Redirect(DashboardPath)).ExcludeFromDescription();
        app.MapOrleansDashboard(DashboardPath);
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }
}
