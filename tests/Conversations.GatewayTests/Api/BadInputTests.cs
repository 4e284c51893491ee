using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.GatewayTests.Foundation;

namespace Conversations.GatewayTests.Api;

/// <summary>Bad requests get a 4xx with RFC 7807 problem details and change nothing.</summary>
[Collection(SystemCollection.Name)]
public sealed class BadInputTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    public static TheoryData<string, string, HttpStatusCode> BadMessages() => new()
    {
        { "malformed JSON", "{\"serviceIdentifier\": \"{service}\", \"text\": ", HttpStatusCode.BadRequest },
        { "missing text", "{\"serviceIdentifier\":\"{service}\",\"customerChannelIdentifier\":\"{phone}\",\"connectorMessageId\":\"m1\"}", HttpStatusCode.BadRequest },
        { "null text", "{\"serviceIdentifier\":\"{service}\",\"customerChannelIdentifier\":\"{phone}\",\"connectorMessageId\":\"m1\",\"text\":null}", HttpStatusCode.BadRequest },
        { "empty message id", "{\"serviceIdentifier\":\"{service}\",\"customerChannelIdentifier\":\"{phone}\",\"connectorMessageId\":\"\",\"text\":\"hi\"}", HttpStatusCode.BadRequest },
        { "oversized text", "{\"serviceIdentifier\":\"{service}\",\"customerChannelIdentifier\":\"{phone}\",\"connectorMessageId\":\"m1\",\"text\":\"" + new string('x', 4097) + "\"}", HttpStatusCode.BadRequest },
        { "numeric channel data", "{\"serviceIdentifier\":\"{service}\",\"customerChannelIdentifier\":\"{phone}\",\"connectorMessageId\":\"m1\",\"text\":\"hi\",\"channelData\":{\"age\":42}}", HttpStatusCode.BadRequest },
        { "not a phone number", "{\"serviceIdentifier\":\"{service}\",\"customerChannelIdentifier\":\"call me\",\"connectorMessageId\":\"m1\",\"text\":\"hi\"}", HttpStatusCode.BadRequest },
        { "unknown service identifier", "{\"serviceIdentifier\":\"svc-nobody\",\"customerChannelIdentifier\":\"{phone}\",\"connectorMessageId\":\"m1\",\"text\":\"hi\"}", HttpStatusCode.NotFound },
        { "body over the size limit", "{\"serviceIdentifier\":\"{service}\",\"customerChannelIdentifier\":\"{phone}\",\"connectorMessageId\":\"m1\",\"text\":\"hi\",\"channelData\":{\"blob\":\"" + new string('x', 300_000) + "\"}}", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task InboundMessage_Bad_IsRefusedWithProblemDetailsAndCreatesNoCustomer(string why, string template, HttpStatusCode expected)
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("bad-input"));
        var phone = "+49160" + Random.Shared.Next(1_000_000, 9_999_999);
        var body = template.Replace("{service}", channel.Service).Replace("{phone}", phone);

        var response = await channel.Connector.PostAsync("/api/connector/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, expected, why);
        var lookup = await system.Http.GetAsync($"/api/customers?kind=PHONE&value={Uri.EscapeDataString(phone)}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task InboundMessage_WrongContentType_Is415()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("bad-input"));

        var response = await channel.Connector.PostAsync("/api/connector/messages", new StringContent("hello", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "text/plain body");
    }

    public static TheoryData<string, string, HttpStatusCode> BadChannels() => new()
    {
        { "inactivity timeout too short", "{\"serviceIdentifier\":\"svc-bad-1\",\"name\":\"n\",\"connectorId\":\"{connector}\",\"routingMode\":\"PUSH\",\"customerInactivityTimeoutSeconds\":1}", HttpStatusCode.BadRequest },
        { "unknown connector", "{\"serviceIdentifier\":\"svc-bad-2\",\"name\":\"n\",\"connectorId\":\"nope\",\"routingMode\":\"PUSH\",\"customerInactivityTimeoutSeconds\":600}", HttpStatusCode.BadRequest },
        { "unknown routing mode", "{\"serviceIdentifier\":\"svc-bad-3\",\"name\":\"n\",\"connectorId\":\"{connector}\",\"routingMode\":\"SIDEWAYS\",\"customerInactivityTimeoutSeconds\":600}", HttpStatusCode.BadRequest },
        { "numeric routing mode", "{\"serviceIdentifier\":\"svc-bad-4\",\"name\":\"n\",\"connectorId\":\"{connector}\",\"routingMode\":7,\"customerInactivityTimeoutSeconds\":600}", HttpStatusCode.BadRequest },
        { "pull without a list", "{\"serviceIdentifier\":\"svc-bad-5\",\"name\":\"n\",\"connectorId\":\"{connector}\",\"routingMode\":\"PULL\",\"customerInactivityTimeoutSeconds\":600}", HttpStatusCode.BadRequest },
        { "service identifier taken", "{\"serviceIdentifier\":\"{service}\",\"name\":\"n\",\"connectorId\":\"{connector}\",\"routingMode\":\"PUSH\",\"customerInactivityTimeoutSeconds\":600}", HttpStatusCode.Conflict },
    };

    [Theory]
    [MemberData(nameof(BadChannels))]
    public async Task Channel_BadConfiguration_IsRefusedAndTheChannelListIsUnchanged(string why, string template, HttpStatusCode expected)
    {
        var service = (await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("bad-config"))).Service;
        var connector = (await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/channels/{service}")).GetProperty("connectorId").GetString()!;
        var before = await system.Http.GetStringAsync("/api/admin/channels");

        var response = await system.Http.PostAsync("/api/admin/channels",
            new StringContent(template.Replace("{service}", service).Replace("{connector}", connector), Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, expected, why);
        Assert.Equal(before, await system.Http.GetStringAsync("/api/admin/channels"));
    }

    [Fact]
    public async Task Connector_InUse_DeleteIsAConflictAndItStays()
    {
        var service = (await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("in-use"))).Service;
        var connector = (await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/channels/{service}")).GetProperty("connectorId").GetString();

        var response = await system.Http.DeleteAsync($"/api/admin/channel-connectors/{connector}");

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "connector in use");
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync($"/api/admin/channel-connectors/{connector}")).StatusCode);
    }

    [Fact]
    public async Task Channel_PutWithAnotherKeyInTheBody_IsRefusedAndUnchanged()
    {
        var service = (await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("put"))).Service;
        var channel = await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/channels/{service}");
        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(channel.GetRawText())!;
        changed["serviceIdentifier"] = JsonSerializer.SerializeToElement("svc-other");

        var response = await system.Http.PutAsJsonAsync($"/api/admin/channels/{service}", changed);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "key mismatch");
        Assert.Equal(channel.GetRawText(), (await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/channels/{service}")).GetRawText());
    }

    [Theory]
    [InlineData("/api/conversations/conv-00000000000000000000000000000000")]
    [InlineData("/api/conversations/not-an-id")]
    [InlineData("/api/conversations/not-an-id/activities")]
    [InlineData("/api/customers/cust-00000000000000000000000000000000")]
    [InlineData("/api/channel-sessions/cs-00000000000000000000000000000000")]
    [InlineData("/api/admin/channels/svc-never-made")]
    [InlineData("/api/no-such-route")]
    public async Task Get_Unknown_IsNotFoundWithProblemDetails(string path)
    {
        await AssertProblemAsync(await system.Http.GetAsync(path), HttpStatusCode.NotFound, path);
    }

    [Fact]
    public async Task CustomerLookup_UnknownIdentityKind_IsBadRequest()
    {
        await AssertProblemAsync(await system.Http.GetAsync("/api/customers?kind=PIGEON&value=x"), HttpStatusCode.BadRequest, "identity kind");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string why)
    {
        Assert.True(expected == response.StatusCode, $"{why}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }
}
