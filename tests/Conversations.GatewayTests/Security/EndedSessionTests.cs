using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.GatewayTests.Foundation;
using Conversations.Security;
using Conversations.Testing;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using static Conversations.GatewayTests.Foundation.SignIns;

namespace Conversations.GatewayTests.Security;

/// <summary>An access token stops working before it expires once its account is disabled, its password reset or its roles changed.</summary>
[Collection(SystemCollection.Name)]
public sealed class EndedSessionTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Disabling_RefusesTheAccessTokenAtOnce_AndEnablingAgainDoesNotRevive()
    {
        var (userId, password, tokens) = await SignedInAsync("agent");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(system.Anonymous, tokens.Access)).StatusCode);

        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/users/{userId}", new { disabled = true }));
        var refused = await MeAsync(system.Anonymous, tokens.Access);
        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/users/{userId}", new { disabled = false }));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(system.Anonymous, tokens.Access)).StatusCode);
        var again = await TokensAsync(await LoginAsync(system.Anonymous, userId, password));
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(system.Anonymous, again.Access)).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_RefusesTheAccessTokenAtOnce()
    {
        var (userId, _, tokens) = await SignedInAsync("supervisor");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(system.Anonymous, tokens.Access)).StatusCode);

        await SucceedAsync(system.Http.PostAsJsonAsync($"/api/admin/users/{userId}/password", new { password = ApiAccess.NewPassword() }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(system.Anonymous, tokens.Access)).StatusCode);
    }

    [Fact]
    public async Task RolesChanged_TheOldTokenIsRefused_TheRefreshTokenGetsOneWithTheNewRoles()
    {
        var (userId, _, tokens) = await SignedInAsync("agent", "supervisor");

        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/users/{userId}", new { displayName = "Renamed" }));
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(system.Anonymous, tokens.Access)).StatusCode);
        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/users/{userId}", new { roles = new[] { "agent" } }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(system.Anonymous, tokens.Access)).StatusCode);
        var renewed = await TokensAsync(await system.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Refresh }));
        var me = await MeAsync(system.Anonymous, renewed.Access);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(["agent"], (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task AnotherGateway_RefusesTheTokenOnceItsCopyIsRefreshed()
    {
        using var other = ApiAccess.Client(await system.StartGatewayAsync());
        var (userId, _, tokens) = await SignedInAsync("agent");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(other, tokens.Access)).StatusCode);

        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/users/{userId}", new { disabled = true }));
        system.GatewayClock.Offset = AccessSessions.RefreshAfter;
        try
        {
            await Eventually.MatchesAsync(
                async () => (await MeAsync(other, tokens.Access)).StatusCode, status => status == HttpStatusCode.Unauthorized,
                "the other gateway to refuse the disabled account's token");
        }
        finally
        {
            system.GatewayClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task DeskStream_EndsWhenTheAccountIsDisabled_WithoutSendingAnotherMessage()
    {
        var type = "E" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("ended"), type, "PHONE");
        var (agentId, agent) = await system.ReadyAgentAsync(type);
        var phone = "+49158" + Random.Shared.Next(1_000_000, 9_999_999);
        await using var desk = await EventStream.OpenAsync(agent, $"/api/agents/{agentId}/events");
        Assert.Equal("agent", (await desk.NextAsync()).Name);
        await system.CustomerSaysAsync(channel, "I want an agent", phone);
        var taskId = (await desk.NextNamedAsync("offer")).Data.GetProperty("taskId").GetString();
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));
        await system.CustomerSaysAsync(channel, "before", phone);
        Assert.Equal("before", (await desk.NextNamedAsync("message")).Data.GetProperty("text").GetString());

        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/users/{agentId}", new { disabled = true }));
        await system.CustomerSaysAsync(channel, "after", phone);

        await Assert.ThrowsAsync<EndOfStreamException>(() => desk.NextNamedAsync("message"));
    }

    private async Task<(string UserId, string Password, (string Access, string Refresh) Tokens)> SignedInAsync(params string[] roles)
    {
        var userId = "ended-" + Guid.NewGuid().ToString("N")[..10];
        var password = ApiAccess.NewPassword();
        await SucceedAsync(system.Http.PostAsJsonAsync("/api/admin/users", new { id = userId, displayName = "Test user", roles, password }));
        return (userId, password, await TokensAsync(await LoginAsync(system.Anonymous, userId, password)));
    }
}
