using System.Net;
using Conversations.Accounts;
using Conversations.Security;
using Conversations.Silo.Health;
using Conversations.Telemetry;
using Conversations.WebHost.Operations;
using Conversations.WebHost.Security;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Conversations.Silo.Hosting;

/// <summary>
/// Builds the silo process: Orleans, the profile's stores, the dashboard at <see cref="DashboardPath"/> (admins only),
/// health probes and telemetry (<see cref="Telemetry"/>); JSON console logs in the production profile.
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
        var keys = SecurityKeys.FromMasterKey(builder.Configuration[SecurityKeys.MasterKeySetting]);
        builder.Services.AddSingleton(keys);
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
            if (WebHost.Operations.Telemetry.RecordsTraces(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }

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

        // The dashboard shows every grain and silo: only admins, signed in at the gateway (its cookie or a bearer token).
        builder.Services.AddAuthentication(AccessTokens.Scheme).AddConversationsAccessTokens(keys);
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder(AccessTokens.Scheme)
            .RequireAssertion(context => context.User.IsInRole(Roles.Admin)
                || (options.DashboardOpenOnLoopback && context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } from && IPAddress.IsLoopback(from)))
            .Build());
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
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => Results.Redirect(DashboardPath)).ExcludeFromDescription();
        app.MapOrleansDashboard(DashboardPath);
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }
}
