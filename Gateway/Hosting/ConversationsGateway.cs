using System.Data.Common;
using Conversations.Channels;
using Conversations.Gateway.Channels;
using Conversations.Gateway.Desk;
using Conversations.Gateway.Endpoints;
using Conversations.Gateway.Security;
using Conversations.Gateway.WebChat;
using Conversations.Security;
using Conversations.Serialization;
using Conversations.WebHost.Operations;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// Builds the gateway process: an Orleans client serving the HTTP API and the OpenAPI document, health probes and
/// telemetry (<see cref="Telemetry"/>); JSON console logs in the production profile.
/// </summary>
public static class ConversationsGateway
{
    public const string OpenApiPath = "/openapi/v1.json";
    public const string ServiceName = "conversations-gateway";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var keys = SecurityKeys.FromMasterKey(builder.Configuration[SecurityKeys.MasterKeySetting]);
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            switch (options.Profile)
            {
                case ClusterProfile.Development:
                    client.UseLocalhostClustering(options.SiloGatewayPort, options.ServiceId, options.ClusterId);
                    break;
                case ClusterProfile.Production:
                    var postgres = builder.Configuration.GetConnectionString(GatewayOptions.PostgresConnectionName);
                    if (string.IsNullOrWhiteSpace(postgres))
                    {
                        throw new InvalidOperationException(
                            $"The Production profile finds silos in PostgreSQL and needs ConnectionStrings:{GatewayOptions.PostgresConnectionName} "
                            + $"(environment variable ConnectionStrings__{GatewayOptions.PostgresConnectionName}).");
                    }

                    // The ADO.NET clustering resolves its invariant through DbProviderFactories first.
                    DbProviderFactories.RegisterFactory(GatewayOptions.AdoNetInvariant, NpgsqlFactory.Instance);
                    client.UseAdoNetClustering(o =>
                    {
                        o.Invariant = GatewayOptions.AdoNetInvariant;
                        o.ConnectionString = postgres;
                    });
                    break;
                default:
                    throw new InvalidOperationException($"The {options.Profile} profile is not available in this build.");
            }

            client.Services.AddDomainSerialization();
            client.UseConnectionRetryFilter<RetryUntilConnected>();
            client.AddOrleansClientTuning();
            if (Telemetry.RecordsTraces(builder.Configuration))
            {
                client.AddActivityPropagation();
            }
        });

        if (options.Profile == ClusterProfile.Production)
        {
            builder.Logging.AddJsonConsoleLogs();
        }

        builder.AddConversationsTelemetry(ServiceName);
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag], timeout: HealthEndpoints.CheckTimeout);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<JsonOptions>(o => JsonSetup.Apply(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(OpenApiSecurity.Add);
        builder.Services.AddSingleton<AgentDeskStream>();
        builder.Services.AddSingleton<VisitorSignedIn>();
        builder.Services.AddSingleton<RetiredVisitors>();
        builder.Services.AddSingleton<VisitorTokens>();
        builder.Services.AddSingleton<WebChatChannels>();
        builder.Services.AddSingleton<VisitorStream>();
        builder.Services.AddCors(o => o.AddPolicy(WebChatEndpoints.CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton<SecretBox>();
        builder.Services.AddSingleton<ConnectorSecrets>();
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        builder.Services.AddOptions<ChannelsOptions>().Bind(builder.Configuration.GetSection(ChannelsOptions.Section))
            .Validate(o => o.IsValid(), $"{ChannelsOptions.Section}:{nameof(ChannelsOptions.PublicBaseUrl)} must be an absolute http or https URL without query or fragment.")
            .ValidateOnStart();
        builder.Services.AddOptions<ProviderApiOptions>().BindConfiguration(ProviderApiOptions.Section);
        builder.Services.AddHttpClient(ProviderMedia.HttpClientName).RemoveAllLoggers();
        builder.Services.AddSingleton<ProviderMedia>();
        builder.Services.AddSingleton<MediaLinks>();
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddSingleton<SessionCookies>();
        builder.AddGatewayAuthentication(keys, security);
        builder.Services.AddGatewayRateLimits(security);
        builder.Services.Configure<ForwardedHeadersOptions>(o => TrustedProxies.Apply(o, security.TrustedProxies));

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBrowserFiles();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        app.MapAuthEndpoints();
        app.MapUserEndpoints();
        app.MapAdminEndpoints();
        app.MapConnectorEndpoints();
        app.MapTwilioEndpoints();
        app.MapWhatsAppEndpoints();
        app.MapQueryEndpoints();
        app.MapAttachmentEndpoints();
        app.MapUploadEndpoints();
        app.MapDeliveryEndpoints();
        app.MapOutboundEndpoints();
        app.MapAgentEndpoints();
        app.MapSupervisionEndpoints();
        app.MapReportEndpoints();
        app.MapWebChatEndpoints();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }
}
