using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Gateway.Endpoints;
using Conversations.Gateway.Hosting;
using Conversations.GatewayTests.Foundation;

namespace Conversations.GatewayTests.Security;

/// <summary>Deny by default: who may call what, tried over HTTP as each kind of caller.</summary>
[Collection(SystemCollection.Name)]
public sealed class AccessTests(SystemFixture system)
{
    /// <summary>
    /// The only operations a caller without our credentials may use; the providers' webhooks carry the providers'
    /// signatures (or Meta's verify token) instead, refused with 403 (see <see cref="Api.TwilioInboundTests"/> and
    /// <see cref="Api.WhatsAppWebhookTests"/>), a media link its own (see <see cref="Api.OutboundAttachmentTests"/>);
    /// anyone may become a web chat visitor (a 404 unless the channel is a web chat, see <see cref="Api.WebChatTests"/>).
    /// </summary>
    private static readonly HashSet<string> Public =
    [
        "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout", $"POST {TwilioEndpoints.MessagesPath}", $"POST {TwilioEndpoints.StatusPath}",
        "GET /api/media/{id}", $"GET {WhatsAppEndpoints.WebhookPath}", $"POST {WhatsAppEndpoints.WebhookPath}",
        $"POST {WebChatEndpoints.PathPrefix}/{{serviceIdentifier}}/visitors",
    ];

    [Fact]
    public async Task EveryOperation_WithoutOrWithGarbageCredentials_Is401WithChallengeAndProblemDetails()
    {
        var operations = await OperationsAsync();
        Assert.True(operations.Count > 20, $"The OpenAPI document lists only {operations.Count} operations.");

        foreach (var (method, path) in operations.Where(o => !Public.Contains($"{o.Method} {o.Path}")))
        {
            foreach (var authorization in new[] { null, "Bearer not-a-token", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl", "Basic YWRtaW46YWRtaW4=" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(path)) { Content = JsonContent.Create(new { }) };
                if (authorization is not null)
                {
                    request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
                }

                var response = await system.Anonymous.SendAsync(request);

                var what = $"{method} {path} with {authorization ?? "no credentials"}";
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.True(response.Headers.WwwAuthenticate.Count > 0, $"{what}: no WWW-Authenticate");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresTheSchemes_AndWhichOperationTakesWhich()
    {
        using var document = JsonDocument.Parse(await system.Anonymous.GetStringAsync(ConversationsGateway.OpenApiPath));
        var root = document.RootElement;

        var schemes = root.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["bearer", "connectorKey", "cookie", "visitorToken"], schemes);
        Assert.Equal(["bearer", "cookie"], SchemesOf(root, "/api/admin/users", "get"));
        Assert.Equal(["connectorKey"], SchemesOf(root, "/api/connector/messages", "post"));
        Assert.Equal(["visitorToken"], SchemesOf(root, "/api/webchat/{serviceIdentifier}/messages", "post"));
        Assert.Empty(SchemesOf(root, "/api/webchat/{serviceIdentifier}/visitors", "post"));
        Assert.Empty(SchemesOf(root, "/api/auth/login", "post"));
    }

    private static List<string> SchemesOf(JsonElement root, string path, string method) =>
        root.GetProperty("paths").GetProperty(path).GetProperty(method).TryGetProperty("security", out var security)
            ? [.. security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Order()]
            : [];

    public static TheoryData<string, string, string, HttpStatusCode> RoleMatrix() => new()
    {
        { "admin", "GET", "/api/admin/channel-types", HttpStatusCode.OK },
        { "supervisor", "GET", "/api/admin/channel-types", HttpStatusCode.Forbidden },
        { "agent", "GET", "/api/admin/channel-types", HttpStatusCode.Forbidden },
        { "admin", "GET", "/api/admin/users", HttpStatusCode.OK },
        { "supervisor", "GET", "/api/admin/users", HttpStatusCode.Forbidden },
        { "agent", "GET", "/api/admin/users", HttpStatusCode.Forbidden },
        { "supervisor", "PUT", "/api/admin/controller", HttpStatusCode.Forbidden },
        { "admin", "GET", "/api/queues/WHATSAPP", HttpStatusCode.OK },
        { "supervisor", "GET", "/api/queues/WHATSAPP", HttpStatusCode.OK },
        { "agent", "GET", "/api/queues/WHATSAPP", HttpStatusCode.Forbidden },
        { "agent", "GET", "/api/lists/sales", HttpStatusCode.OK },
        { "supervisor", "GET", "/api/lists/sales", HttpStatusCode.OK },
        { "supervisor", "GET", "/api/customers/cust-00000000000000000000000000000000", HttpStatusCode.NotFound },
        { "agent", "GET", "/api/customers/cust-00000000000000000000000000000000", HttpStatusCode.Forbidden },
        { "agent", "GET", "/api/channel-sessions/cs-00000000000000000000000000000000", HttpStatusCode.Forbidden },
        { "agent", "POST", "/api/customers/cust-00000000000000000000000000000000/identities", HttpStatusCode.Forbidden },
        { "supervisor", "GET", "/api/deliveries/failed", HttpStatusCode.OK },
        { "agent", "GET", "/api/deliveries/failed", HttpStatusCode.Forbidden },
        { "supervisor", "POST", "/api/deliveries/conv-00000000000000000000000000000000/1/retry", HttpStatusCode.Conflict },
        { "agent", "POST", "/api/deliveries/conv-00000000000000000000000000000000/1/retry", HttpStatusCode.Forbidden },
        { "supervisor", "GET", "/api/agents/{other}", HttpStatusCode.OK },
        { "supervisor", "GET", "/api/supervision/queues", HttpStatusCode.OK },
        { "admin", "GET", "/api/supervision/agents", HttpStatusCode.OK },
        { "agent", "GET", "/api/supervision/conversations", HttpStatusCode.Forbidden },
        { "agent", "GET", "/api/agents/{other}", HttpStatusCode.Forbidden },
        { "agent", "GET", "/api/agents/{other}/events", HttpStatusCode.Forbidden },
        { "agent", "POST", "/api/agents/{other}/sign-in", HttpStatusCode.Forbidden },
        { "supervisor", "POST", "/api/agents/{other}/sign-in", HttpStatusCode.Forbidden },
        { "admin", "PUT", "/api/agents/{other}/presence", HttpStatusCode.Forbidden },
        { "agent", "POST", "/api/agents/{other}/tasks/task-00000000000000000000000000000000/accept", HttpStatusCode.Forbidden },
        { "agent", "POST", "/api/tasks/task-00000000000000000000000000000000/reassign", HttpStatusCode.Forbidden },
        { "agent", "GET", "/api/agents/{self}", HttpStatusCode.OK },
        { "agent", "GET", "/api/auth/me", HttpStatusCode.OK },
        { "agent", "GET", "/api/channels/web-support/templates", HttpStatusCode.OK },
        { "supervisor", "GET", "/api/admin/message-templates", HttpStatusCode.Forbidden },
        { "agent", "POST", "/api/outbound/batches", HttpStatusCode.Forbidden },
        { "agent", "GET", "/api/outbound/batches/spring-sale", HttpStatusCode.Forbidden },
        { "supervisor", "GET", "/api/outbound/batches/no-such-batch", HttpStatusCode.NotFound },
        { "agent", "POST", "/api/connector/messages", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(RoleMatrix))]
    public async Task Role_AgainstArea_IsAllowedOrForbiddenAndChangesNothing(string role, string method, string path, HttpStatusCode expected)
    {
        var other = "other-" + Guid.NewGuid().ToString("N")[..8];
        using var otherAgent = await system.UserAsync(other, "agent");
        await SignInAgentAsync(otherAgent, other);
        var self = role + "-" + Guid.NewGuid().ToString("N")[..8];
        using var caller = await system.UserAsync(self, role);
        if (role == "agent")
        {
            await SignInAgentAsync(caller, self);
        }

        var before = await AgentJsonAsync(other);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{other}", other).Replace("{self}", self))
        {
            Content = method == "GET" ? null : JsonContent.Create(Body(path)),
        };
        var response = await caller.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.True(response.StatusCode == expected, $"{role} {method} {path}: {(int)response.StatusCode}, expected {(int)expected}");
        if (expected is HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, await AgentJsonAsync(other));
        }
    }

    private static object Body(string path) => path.EndsWith("/presence", StringComparison.Ordinal)
        ? new { presence = "READY" }
        : path.EndsWith("/identities", StringComparison.Ordinal)
            ? new { kind = "EMAIL", value = "someone@example.com" }
            : path.EndsWith("/controller", StringComparison.Ordinal)
                ? new { greeting = "hi" }
                : new { name = "Mallory", capacity = new Dictionary<string, int> { ["WHATSAPP"] = 5 } };

    private static async Task SignInAgentAsync(HttpClient agent, string agentId)
    {
        var response = await agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = agentId, capacity = new Dictionary<string, int> { ["WHATSAPP"] = 1 } });
        Assert.True(response.IsSuccessStatusCode, $"sign-in {agentId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> AgentJsonAsync(string agentId) => await system.Http.GetStringAsync($"/api/agents/{agentId}");

    private async Task<IReadOnlyList<(string Method, string Path)>> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await system.Anonymous.GetStringAsync(ConversationsGateway.OpenApiPath));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (m.Name.ToUpperInvariant(), p.Name)))];
    }

    private static string Concrete(string path)
    {
        var concrete = new StringBuilder();
        foreach (var segment in path.Split('/'))
        {
            concrete.Append(segment.StartsWith('{') ? "x" : segment).Append('/');
        }

        return concrete.ToString().TrimEnd('/');
    }
}
