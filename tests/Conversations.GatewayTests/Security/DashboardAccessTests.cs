using System.Net;
using Conversations.GatewayTests.Foundation;
using Conversations.Silo.Hosting;
using Conversations.Testing;

namespace Conversations.GatewayTests.Security;

/// <summary>The Orleans dashboard on the silo shows every grain: only admins signed in at the gateway see it.</summary>
[Collection(SystemCollection.Name)]
public sealed class DashboardAccessTests(SystemFixture system)
{
    [Fact]
    public async Task Dashboard_WithoutCredentials_Is401()
    {
        var response = await system.SiloHttp.GetAsync(ConversationsSilo.DashboardPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_AsAgent_Is403_AsAdmin_IsShown()
    {
        using var agent = await system.UserAsync("dash-" + Guid.NewGuid().ToString("N")[..8], "agent", "supervisor");
        using var agentAtSilo = ApiAccess.Client(system.SiloHttp.BaseAddress!);
        agentAtSilo.DefaultRequestHeaders.Authorization = agent.DefaultRequestHeaders.Authorization;
        using var adminAtSilo = ApiAccess.Client(system.SiloHttp.BaseAddress!);
        adminAtSilo.DefaultRequestHeaders.Authorization = system.Http.DefaultRequestHeaders.Authorization;

        Assert.Equal(HttpStatusCode.Forbidden, (await agentAtSilo.GetAsync(ConversationsSilo.DashboardPath)).StatusCode);
        var shown = await adminAtSilo.GetAsync(ConversationsSilo.DashboardPath + "/");
        Assert.True(shown.IsSuccessStatusCode, $"{(int)shown.StatusCode}");
        Assert.Contains("<html", await shown.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
