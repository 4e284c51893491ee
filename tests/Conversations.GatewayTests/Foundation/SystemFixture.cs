using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Gateway.Hosting;
using Conversations.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Conversations.Testing;
using OpenTelemetry.Trace;

namespace Conversations.GatewayTests.Foundation;

/// <summary>
/// The real thing on loopback: a development-profile silo and the gateway, each on its own Kestrel,
/// plus a webhook receiver standing in for a channel connector. The silo's tracer also records every span it sees in
/// <see cref="Spans"/>; as both hosts share this process, that includes the gateway's and the receiver's.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private WebApplication? _silo;
    private WebApplication? _gateway;

    public WebhookReceiver Connector { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The silo's own web host: its health probes and metrics.</summary>
    public HttpClient SiloHttp { get; private set; } = null!;

    public RecordedSpans Spans { get; } = new();

    public static JsonSerializerOptions Json { get; } = CreateJson();

    public async Task InitializeAsync()
    {
        await Connector.StartAsync();
        var siloGatewayPort = FreePort.Next();
        _silo = ConversationsSilo.Build([], b => b.WebHost.UseSetting("urls", "http://127.0.0.1:0").UseSetting("Silo:SiloPort", FreePort.Next().ToString())
            .UseSetting("Silo:GatewayPort", siloGatewayPort.ToString())
            .UseSetting("Silo:ClusterId", "gateway-tests")
            .UseSetting("OutboundDelivery:InitialBackoff", "00:00:00.050")
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans))));
        await _silo.StartAsync();
        SiloHttp = new HttpClient { BaseAddress = new Uri(_silo.Urls.First()) };

        _gateway = ConversationsGateway.Build([], b => b.WebHost.UseSetting("urls", "http://127.0.0.1:0")
            .UseSetting("Gateway:SiloGatewayPort", siloGatewayPort.ToString())
            .UseSetting("Gateway:ClusterId", "gateway-tests"));
        await _gateway.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(_gateway.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        SiloHttp.Dispose();
        foreach (var app in new[] { _gateway, _silo })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        await Connector.DisposeAsync();
    }

    public async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "System";
}
