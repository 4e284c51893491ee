using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

/// <summary>Connector keys, signatures both ways, per-connector rights and limits, on the real gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class ConnectorSecurityTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task ProviderSecrets_ListedByNameAndWhetherSet_NeverByValue()
    {
        var whatsApp = await _admin.WhatsAppChannelAsync();
        var path = $"/api/admin/channel-connectors/{whatsApp.ConnectorId}/provider-secrets";

        var listed = await system.Http.GetStringAsync(path);
        using var agent = await system.UserAsync("secrets-" + Guid.NewGuid().ToString("N")[..8], "supervisor");

        Assert.Equal(
            [("appSecret", true), ("accessToken", true), ("verifyToken", true)],
            JsonDocument.Parse(listed).RootElement.EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("set").GetBoolean())));
        Assert.DoesNotContain(whatsApp.AppSecret, listed);
        Assert.DoesNotContain(whatsApp.AccessToken, listed);
        Assert.DoesNotContain(whatsApp.VerifyToken, listed);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync("/api/admin/channel-connectors/no-such-connector/provider-secrets")).StatusCode);
    }

    [Fact]
    public async Task ConnectorEndpoints_WithoutCredentials_Are401WithAChallengeAndProblemDetails()
    {
        using var document = JsonDocument.Parse(await system.Http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/api/connector/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(paths);

        foreach (var path in paths)
        {
            var response = await system.Anonymous.PostAsJsonAsync(path, new { });

            await AssertUnauthenticatedAsync(response, path);
        }
    }

    public static TheoryData<string> NotKeys() => new() { "garbage", "conn-nobody.c2VjcmV0", "conn-x.y.z", "" };

    [Theory]
    [MemberData(nameof(NotKeys))]
    public async Task Message_BearerThatIsNoKey_Is401AndStoresNothing(string bearer)
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("no-key"));
        var phone = NewPhone();

        var response = await Post(system.BearerConnector(bearer), "/api/connector/messages", Message(channel.Service, phone));

        await AssertUnauthenticatedAsync(response, bearer);
        await AssertNoCustomerAsync(phone);
    }

    [Fact]
    public async Task Message_AnotherKeyOfTheSameConnectorShape_Is401()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("wrong-key"));

        var response = await Post(system.BearerConnector(channel.ConnectorId + ".not-the-key"), "/api/connector/events", Left(channel.Service, NewPhone()));

        await AssertUnauthenticatedAsync(response, "a made-up key of a real connector");
    }

    [Fact]
    public async Task Message_WithAPersonsAccessToken_Is401()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("person"));

        var response = await Post(system.Http, "/api/connector/messages", Message(channel.Service, NewPhone()));

        await AssertUnauthenticatedAsync(response, "the admin's access token");
    }

    [Fact]
    public async Task Message_BearerKey_IsAccepted()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("bearer"));

        var response = await Post(system.BearerConnector(channel.Key), "/api/connector/messages", Message(channel.Service, NewPhone()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task ConnectorKey_OnAdminAndQueryEndpoints_Is401()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("admin"));

        foreach (var path in new[] { "/api/admin/channels", $"/api/admin/channel-connectors/{channel.ConnectorId}", "/api/queues/WHATSAPP" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await system.BearerConnector(channel.Key).GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await channel.Connector.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Message_ToAnotherConnectorsChannel_Is403AndStoresNothing()
    {
        var mine = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("mine"));
        var theirs = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("theirs"));
        var phone = NewPhone();

        var message = await Post(mine.Connector, "/api/connector/messages", Message(theirs.Service, phone));
        var left = await Post(mine.Connector, "/api/connector/events", Left(theirs.Service, phone));

        await AssertProblemAsync(message, HttpStatusCode.Forbidden);
        await AssertProblemAsync(left, HttpStatusCode.Forbidden);
        await AssertNoCustomerAsync(phone);
    }

    // A few seconds past the 300 s window: the timestamp is whole seconds, so one second past could round back inside.
    [Theory]
    [InlineData(-305)]
    [InlineData(305)]
    public async Task Message_SignedOutsideTheReplayWindow_Is401AndStoresNothing(int offsetSeconds)
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("stale"));
        var phone = NewPhone();
        var body = JsonSerializer.SerializeToUtf8Bytes(Message(channel.Service, phone));
        var timestamp = system.GatewayClock.GetUtcNow().AddSeconds(offsetSeconds).ToUnixTimeSeconds().ToString();

        var response = await system.Anonymous.SendAsync(Signed(channel, timestamp, body, ConnectorSigningHandler.Signature(channel.Key, timestamp, body)));

        await AssertUnauthenticatedAsync(response, "stale timestamp");
        await AssertNoCustomerAsync(phone);
    }

    [Fact]
    public async Task Message_BodyChangedAfterSigning_Is401AndStoresNothing()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("tampered"));
        var phone = NewPhone();
        var timestamp = system.GatewayClock.GetUtcNow().ToUnixTimeSeconds().ToString();
        var signed = JsonSerializer.SerializeToUtf8Bytes(Message(channel.Service, NewPhone()));
        var sent = JsonSerializer.SerializeToUtf8Bytes(Message(channel.Service, phone));

        var response = await system.Anonymous.SendAsync(Signed(channel, timestamp, sent, ConnectorSigningHandler.Signature(channel.Key, timestamp, signed)));

        await AssertUnauthenticatedAsync(response, "tampered body");
        await AssertNoCustomerAsync(phone);
    }

    [Fact]
    public async Task Connector_ReadBack_NeverShowsItsKey()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("read-back"));

        var one = await system.Http.GetStringAsync($"/api/admin/channel-connectors/{channel.ConnectorId}");
        var all = await system.Http.GetStringAsync("/api/admin/channel-connectors");

        Assert.DoesNotContain(channel.Key.Split('.')[1], one + all);
        Assert.DoesNotContain("secret", one + all, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConnectorSecret_Rotated_BothKeysWorkDuringTheOverlapAndTheOldOneIsRefusedAfterIt()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("rotate"));
        var old = system.BearerConnector(channel.Key);

        var rotated = await system.Http.PostAsJsonAsync($"/api/admin/channel-connectors/{channel.ConnectorId}/secret", new { overlapSeconds = 3600 });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var answer = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        var fresh = system.BearerConnector(answer.GetProperty("secret").GetString()!);

        await Eventually.MatchesAsync(() => PostStatusAsync(fresh, channel), s => s == HttpStatusCode.Accepted, "the new key to be accepted once the gateway read it");
        Assert.Equal(HttpStatusCode.Accepted, await PostStatusAsync(old, channel));
        try
        {
            system.GatewayClock.Offset = TimeSpan.FromSeconds(3600);

            Assert.Equal(HttpStatusCode.Unauthorized, await PostStatusAsync(old, channel));
            Assert.Equal(HttpStatusCode.Accepted, await PostStatusAsync(fresh, channel));
        }
        finally
        {
            system.GatewayClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task ConnectorSecret_RotatedWithoutOverlap_OldKeyIsRefusedWithinSeconds()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("revoke"));
        Assert.Equal(HttpStatusCode.Accepted, await PostStatusAsync(channel.Connector, channel));

        var rotated = await system.Http.PostAsJsonAsync($"/api/admin/channel-connectors/{channel.ConnectorId}/secret", new { overlapSeconds = 0 });

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        await Eventually.MatchesAsync(() => PostStatusAsync(channel.Connector, channel), s => s == HttpStatusCode.Unauthorized, "the revoked key to be refused");
    }

    [Fact]
    public async Task ConnectorSecret_RotationWithAnOverlapTooLong_IsRefused()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("too-long"));

        var rotated = await system.Http.PostAsJsonAsync($"/api/admin/channel-connectors/{channel.ConnectorId}/secret", new { overlapSeconds = 8 * 24 * 3600 });

        await AssertProblemAsync(rotated, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Accepted, await PostStatusAsync(channel.Connector, channel));
    }

    [Fact]
    public async Task ConnectorCalls_BeyondTheBurst_Get429WithRetryAfterWhileOtherConnectorsPass()
    {
        const int burst = 30;
        var gateway = await system.StartGatewayAsync(("Security:ConnectorBurst", burst.ToString()), ("Security:ConnectorRequestsPerSecond", "10"));
        var busy = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("busy"));
        var calm = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("calm"));
        using var busyHere = ApiAccess.SigningConnector(gateway, busy.Key);
        using var calmHere = ApiAccess.SigningConnector(gateway, calm.Key);
        var phone = NewPhone();

        var answers = await Task.WhenAll(Enumerable.Range(0, burst * 3).Select(_ => Post(busyHere, "/api/connector/events", Left(busy.Service, phone))));

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.True(int.Parse(refused[0].Headers.RetryAfter!.ToString()) >= 1);
        await AssertProblemAsync(refused[0], HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.Accepted, await PostStatusAsync(calmHere, calm));
    }

    [Fact]
    public async Task OutboundDelivery_IsSignedSoTheConnectorCanVerifyItWithTheDocumentedRecipe()
    {
        var hook = "signed-" + Guid.NewGuid().ToString("N")[..8];
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook));

        Assert.Equal(HttpStatusCode.Accepted, (await Post(channel.Connector, "/api/connector/messages", Message(channel.Service, NewPhone()))).StatusCode);

        var greeting = (await Eventually.MatchesAsync(() => Task.FromResult(system.Connector.To(hook)), r => r.Count > 0, "the greeting to reach the connector"))[0];
        var timestamp = greeting.Headers["X-Conversations-Timestamp"];
        Assert.Equal(channel.ConnectorId, greeting.Headers["X-Conversations-Connector"]);
        Assert.InRange(long.Parse(timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Contains(ConnectorSigningHandler.Signature(channel.Key, timestamp, greeting.RawBody), greeting.Headers["X-Conversations-Signature"].Split(','));
    }

    private static object Message(string service, string phone) =>
        new { serviceIdentifier = service, customerChannelIdentifier = phone, connectorMessageId = Guid.NewGuid().ToString(), text = "hi" };

    private static object Left(string service, string phone) =>
        new { serviceIdentifier = service, customerChannelIdentifier = phone, type = "CUSTOMER_LEFT" };

    private static string NewPhone() => "+49161" + Random.Shared.Next(1_000_000, 9_999_999);

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);

    /// <summary>A customer-left event for someone never seen: accepted, and it changes nothing.</summary>
    private static async Task<HttpStatusCode> PostStatusAsync(HttpClient client, ConnectorChannel channel) =>
        (await Post(client, "/api/connector/events", Left(channel.Service, "+4916100000000"))).StatusCode;

    private static HttpRequestMessage Signed(ConnectorChannel channel, string timestamp, byte[] body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/connector/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Conversations-Connector", channel.ConnectorId);
        request.Headers.Add("X-Conversations-Timestamp", timestamp);
        request.Headers.Add("X-Conversations-Signature", signature);
        return request;
    }

    private async Task AssertNoCustomerAsync(string phone) =>
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync($"/api/customers?kind=PHONE&value={Uri.EscapeDataString(phone)}")).StatusCode);

    private static async Task AssertUnauthenticatedAsync(HttpResponseMessage response, string why)
    {
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, why);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string why = "")
    {
        Assert.True(expected == response.StatusCode, $"{why}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }
}
