using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.GatewayTests.Security;

/// <summary>A gateway configured with an OpenID Connect authority accepts its tokens beside its own, roles from a claim.</summary>
[Collection(SystemCollection.Name)]
public sealed class ExternalAuthorityTests(SystemFixture system) : IAsyncLifetime
{
    private readonly LocalAuthority _authority = new();
    private HttpClient _gateway = null!;

    public async Task InitializeAsync()
    {
        await _authority.StartAsync();
        var url = await system.StartGatewayAsync(
            ("Security:Oidc:Authority", _authority.Issuer),
            ("Security:Oidc:Audience", LocalAuthority.Audience),
            ("Security:Oidc:RequireHttpsMetadata", "false"));
        _gateway = ApiAccess.Client(url);
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task ExternalSupervisorToken_ReadsQueues_ButNotAdministration()
    {
        var token = _authority.TokenFor("sso-supervisor", ["supervisor"]);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/queues/WHATSAPP", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, "/api/admin/users", token)).StatusCode);
    }

    [Fact]
    public async Task ExternalAgentToken_ActsAsTheAgentNamedBySubject_AndNoOtherAgent()
    {
        var agentId = "sso-" + Guid.NewGuid().ToString("N")[..8];
        var token = _authority.TokenFor(agentId, ["agent"]);
        var profile = new { name = "Sam", capacity = new Dictionary<string, int> { ["WHATSAPP"] = 1 } };

        var own = await SendAsync(HttpMethod.Post, $"/api/agents/{agentId}/sign-in", token, profile);
        var other = await SendAsync(HttpMethod.Post, $"/api/agents/not-{agentId}/sign-in", token, profile);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task TokenSignedByAnotherKey_Is401()
    {
        var forged = _authority.TokenFor("sso-admin", ["admin"], new RsaSecurityKey(RSA.Create(2048)) { KeyId = "local-1" });

        var response = await SendAsync(HttpMethod.Get, "/api/admin/users", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OwnTokens_StillWorkBesideTheAuthority()
    {
        using var admin = await ApiAccess.SignInAsync(_gateway.BaseAddress!, ApiAccess.AdminUserId, system.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/users")).StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _gateway.SendAsync(request);
    }
}
