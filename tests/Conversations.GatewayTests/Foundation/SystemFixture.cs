using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Gateway.Hosting;
using Conversations.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Conversations.Testing;
using OpenTelemetry.Trace;

namespace Conversations.GatewayTests.Foundation;

/// <summary>
/// The real thing on loopback: a development-profile silo and the gateway, each on its own Kestrel,
/// plus a webhook receiver standing in for a channel connector. The silo's tracer also records every span it sees in
/// <see cref="Spans"/>; as both hosts share this process, that includes the gateway's and the receiver's. The
/// gateway's clock can be moved forward.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private readonly List<HttpClient> _connectors = [];
    private readonly List<WebApplication> _extraGateways = [];
    private readonly string _masterKey = ApiAccess.NewMasterKey();
    private readonly int _siloGatewayPort = FreePort.Next();
    private WebApplication? _silo;
    private WebApplication? _gateway;

    /// <summary>The gateway's clock; a test that moves it moves it back before it ends.</summary>
    public ShiftedClock GatewayClock { get; } = new();

    public WebhookReceiver Connector { get; } = new();

    /// <summary>Where the silo's TWILIO connectors send messages.</summary>
    public FakeTwilioApi Twilio { get; } = new();

    /// <summary>Where the silo's WHATSAPP_CLOUD connectors send messages.</summary>
    public FakeWhatsAppGraph WhatsAppGraph { get; } = new();

    /// <summary>Signed in as the bootstrap admin: configuration and supervision.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>No credentials at all.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public string AdminPassword { get; } = ApiAccess.NewPassword();

    /// <summary>The silo's own web host, no credentials: its dashboard, health probes and metrics.</summary>
    public HttpClient SiloHttp { get; private set; } = null!;

    public RecordedSpans Spans { get; } = new();

    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>Where providers reach the gateways, as if through a proxy with a path prefix: not the loopback URL they listen on.</summary>
    public const string PublicBaseUrl = "https://cc.example.test/conversations";

    public async Task InitializeAsync()
    {
        await Connector.StartAsync();
        await Twilio.StartAsync();
        await WhatsAppGraph.StartAsync();
        _silo = ConversationsSilo.Build([], b => b.WebHost.UseSetting("urls", "http://127.0.0.1:0").UseSetting("Silo:SiloPort", FreePort.Next().ToString())
            .UseSetting("Security:MasterKey", _masterKey)
            .UseSetting("Security:BootstrapAdmin:Password", AdminPassword)
            .UseSetting("Silo:GatewayPort", _siloGatewayPort.ToString())
            .UseSetting("Silo:ClusterId", "gateway-tests")
            .UseSetting("OutboundDelivery:InitialBackoff", "00:00:00.050")
            .UseSetting("OutboundDelivery:MaxBackoff", "00:00:00.200")
            .UseSetting("Channels:PublicBaseUrl", PublicBaseUrl)
            .UseSetting("Channels:TwilioApiBase", Twilio.BaseUrl)
            .UseSetting("Channels:WhatsAppGraphBase", WhatsAppGraph.BaseUrl)
            .UseSetting("Telemetry:Tracing", "true")
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans))));
        await _silo.StartAsync();
        SiloHttp = ApiAccess.Client(new Uri(_silo.Urls.First()));

        _gateway = BuildGateway([]);
        await _gateway.StartAsync();
        Anonymous = ApiAccess.Client(new Uri(_gateway.Urls.First()));
        Http = await ApiAccess.SignInAsync(Anonymous.BaseAddress!, ApiAccess.AdminUserId, AdminPassword);
    }

    /// <summary>A second gateway on the same cluster with extra settings (limits, an external authority); stopped with the fixture.</summary>
    public async Task<Uri> StartGatewayAsync(params (string Key, string Value)[] settings)
    {
        var gateway = BuildGateway(settings);
        _extraGateways.Add(gateway);
        await gateway.StartAsync();
        return new Uri(gateway.Urls.First());
    }

    /// <summary>The admin signed in anew: after <see cref="GatewayClock"/> moved past <see cref="Http"/>'s token, on the gateway's clock.</summary>
    public Task<HttpClient> AdminSignedInNowAsync() => ApiAccess.SignInAsync(Anonymous.BaseAddress!, ApiAccess.AdminUserId, AdminPassword);

    /// <summary>A new account with <paramref name="roles"/>, signed in; an agent's id is its user id.</summary>
    public Task<HttpClient> UserAsync(string userId, params string[] roles) => ApiAccess.NewUserAsync(Http, userId, roles);

    /// <summary>A client signing each call with the connector <paramref name="key"/>, on the gateway's clock.</summary>
    public HttpClient SigningConnector(string key) => Keep(ApiAccess.SigningConnector(Anonymous.BaseAddress!, key, GatewayClock));

    /// <summary>A client sending the connector <paramref name="key"/> as a bearer token.</summary>
    public HttpClient BearerConnector(string key) => Keep(ApiAccess.BearerConnector(Anonymous.BaseAddress!, key));

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        _connectors.ForEach(c => c.Dispose());
        SiloHttp.Dispose();
        foreach (var app in _extraGateways.Append(_gateway).Append(_silo))
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        await Connector.DisposeAsync();
        await Twilio.DisposeAsync();
        await WhatsAppGraph.DisposeAsync();
    }

    private WebApplication BuildGateway((string Key, string Value)[] settings) =>
        ConversationsGateway.Build([], b =>
        {
            b.Services.AddSingleton<TimeProvider>(GatewayClock);
            b.WebHost.UseSetting("urls", "http://127.0.0.1:0")
                .UseSetting("Gateway:SiloGatewayPort", _siloGatewayPort.ToString())
                .UseSetting("Gateway:ClusterId", "gateway-tests")
                .UseSetting("Security:MasterKey", _masterKey)
                .UseSetting("Channels:PublicBaseUrl", PublicBaseUrl)
                .UseSetting("Channels:TwilioApiBase", Twilio.BaseUrl)
                .UseSetting("Channels:WhatsAppGraphBase", WhatsAppGraph.BaseUrl)
                .UseSetting("Security:LoginAttemptsPerMinutePerAddress", "1000")
                .UseSetting("Security:VisitorsPerMinutePerAddress", "1000")
                .UseSetting("Security:VisitorBurst", "1000")
                // Plain HTTP on loopback: HttpClient would not send Secure cookies back.
                .UseSetting("Security:SecureCookies", "false")
                .UseSetting("Telemetry:Tracing", "true");
            foreach (var (key, value) in settings)
            {
                b.WebHost.UseSetting(key, value);
            }
        });

    private HttpClient Keep(HttpClient client)
    {
        lock (_connectors)
        {
            _connectors.Add(client);
        }

        return client;
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
