using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.GatewayTests.Foundation;

namespace Conversations.GatewayTests.Api;

/// <summary>A bad value in an admin request is a 400 whose <c>errors</c> name the field, so a form can show it next to it.</summary>
[Collection(SystemCollection.Name)]
public sealed class AdminFieldErrorsTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    public static TheoryData<string, string, string> BadValues() => new()
    {
        { "channels", """{"serviceIdentifier":"svc-f1","name":"n","connectorId":"{connector}","routingMode":"PUSH","customerInactivityTimeoutSeconds":0}""", "customerInactivityTimeoutSeconds" },
        { "channels", """{"serviceIdentifier":"svc-f2","name":"n","connectorId":"nope","routingMode":"PUSH","customerInactivityTimeoutSeconds":600}""", "connectorId" },
        { "channels", """{"serviceIdentifier":"svc-f3","name":"n","connectorId":"{connector}","routingMode":"PUSH","customerInactivityTimeoutSeconds":600,"wrapUpTimeoutSeconds":-5}""", "wrapUpTimeoutSeconds" },
        { "channels", """{"serviceIdentifier":"svc-f4","name":"n","connectorId":"{connector}","routingMode":"PUSH","customerInactivityTimeoutSeconds":"soon"}""", "customerInactivityTimeoutSeconds" },
        { "channel-types", """{"code":"lower","name":"n","identityKind":"PHONE"}""", "code" },
        { "channel-providers", """{"id":"has space","name":"n"}""", "id" },
        { "channel-connectors", """{"id":"tw-f1","name":"n","providerId":"{provider}","channelTypeCode":"{type}","kind":"TWILIO","twilio":{"accountSid":"AC12"}}""", "twilio.accountSid" },
        { "users", """{"id":"field-user","displayName":"Fay","roles":["agent"],"password":"short"}""", "password" },
        { "users", """{"id":"field-user","displayName":"Fay","roles":["root"],"password":"a long passphrase"}""", "roles" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Create_BadValue_Is400WithTheFieldsMessage(string path, string template, string field)
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("field-errors"));
        var connector = await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/channel-connectors/{channel.ConnectorId}");
        var body = template
            .Replace("{connector}", channel.ConnectorId)
            .Replace("{provider}", connector.GetProperty("providerId").GetString())
            .Replace("{type}", connector.GetProperty("channelTypeCode").GetString());

        var response = await system.Http.PostAsync($"/api/admin/{path}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode} {problem}");
        var messages = problem.GetProperty("errors").GetProperty(field);
        Assert.Equal(problem.GetProperty("detail").GetString(), messages[0].GetString());
    }

    [Fact]
    public async Task ControllerSettings_BadKeyword_Is400NamingTheKeywords()
    {
        var settings = (await system.Http.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/admin/controller"))!;
        settings["agentRequestKeywords"] = JsonSerializer.SerializeToElement(new[] { "agent", " " });

        var response = await system.Http.PutAsJsonAsync("/api/admin/controller", settings);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("agentRequestKeywords", out _), problem.ToString());
    }
}
