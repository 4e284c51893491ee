using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.GatewayTests.Foundation;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using static Conversations.GatewayTests.Foundation.SignIns;
using Conversations.Testing;

namespace Conversations.GatewayTests.Security;

/// <summary>Logging in, staying signed in, signing out, and what stops guessing.</summary>
[Collection(SystemCollection.Name)]
public sealed class SignInTests(SystemFixture system)
{
    [Fact]
    public async Task Login_WrongPassword_Is401AndRepeatedFailuresLockTheAccountWith429()
    {
        var (userId, password) = await NewAccountAsync("agent");

        var wrong = await LoginAsync(system.Anonymous, userId, "not-the-password-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.NotEmpty(wrong.Headers.WwwAuthenticate);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);

        for (var attempt = 2; attempt <= 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(system.Anonymous, userId, "still-the-wrong-one")).StatusCode);
        }

        var locking = await LoginAsync(system.Anonymous, userId, "and-the-fifth-wrong-one");
        Assert.Equal(HttpStatusCode.TooManyRequests, locking.StatusCode);
        var rightButLocked = await LoginAsync(system.Anonymous, userId, password);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLocked.StatusCode);
        Assert.True(rightButLocked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10), $"Retry-After: {rightButLocked.Headers.RetryAfter}");
    }

    [Fact]
    public async Task Login_UnknownUser_IsTheSame401AsAWrongPassword()
    {
        var response = await LoginAsync(system.Anonymous, "nobody-" + Guid.NewGuid().ToString("N")[..8], "whatever-password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong user id or password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_TooManyFromOneAddress_Is429WithRetryAfter()
    {
        var gateway = await system.StartGatewayAsync(("Security:LoginAttemptsPerMinutePerAddress", "3"));
        using var client = ApiAccess.Client(gateway);

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            answers.Add((await LoginAsync(client, "nobody-here", "whatever-password")).StatusCode);
        }

        var limited = await LoginAsync(client, "nobody-here", "whatever-password");
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Login_ThroughAProxy_IsCountedPerClientOnlyWhenTheProxyIsTrusted(bool trusted)
    {
        var settings = new List<(string, string)> { ("Security:LoginAttemptsPerMinutePerAddress", "2") };
        if (trusted)
        {
            settings.Add(("Security:TrustedProxies:0", "127.0.0.1"));
        }

        using var client = ApiAccess.Client(await system.StartGatewayAsync([.. settings]));

        var first = await LoginFromAsync(client, "203.0.113.1");
        var second = await LoginFromAsync(client, "203.0.113.1");
        var third = await LoginFromAsync(client, "203.0.113.1");
        var otherClient = await LoginFromAsync(client, "203.0.113.2");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests), (first, second, third));
        Assert.Equal(trusted ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, otherClient);
    }

    [Fact]
    public async Task AccessToken_PastItsLifetimeOnTheGatewaysClock_IsRefused_AndTheRefreshTokenRenewsIt()
    {
        var (userId, password) = await NewAccountAsync("agent");
        var tokens = await TokensAsync(await LoginAsync(system.Anonymous, userId, password));

        system.GatewayClock.Offset = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(31);
        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(system.Anonymous, tokens.Access)).StatusCode);
            var renewed = await TokensAsync(await system.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Refresh }));
            Assert.Equal(HttpStatusCode.OK, (await MeAsync(system.Anonymous, renewed.Access)).StatusCode);
        }
        finally
        {
            system.GatewayClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Refresh_TradesTheTokenForNewOnes_AndTheOldOneStopsWorking()
    {
        var (userId, password) = await NewAccountAsync("supervisor");
        var first = await TokensAsync(await LoginAsync(system.Anonymous, userId, password));

        var second = await TokensAsync(await system.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.Refresh }));
        var replayed = await system.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.Refresh });

        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(system.Anonymous, second.Access)).StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheSession_RefreshIsRefused()
    {
        var (userId, password) = await NewAccountAsync("agent");
        var tokens = await TokensAsync(await LoginAsync(system.Anonymous, userId, password));

        Assert.Equal(HttpStatusCode.NoContent, (await system.Anonymous.PostAsJsonAsync("/api/auth/logout", new { refreshToken = tokens.Refresh })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Refresh })).StatusCode);
    }

    [Fact]
    public async Task BrowserLogin_SetsHttpOnlyCookies_ThatSignTheBrowserInAndRefresh()
    {
        var (userId, password) = await NewAccountAsync("agent");
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = system.Anonymous.BaseAddress };

        var login = await LoginAsync(browser, userId, password);
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();

        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("samesite=strict", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cookies, c => c.StartsWith("conversations_refresh=", StringComparison.Ordinal) && c.Contains("path=/api/auth", StringComparison.OrdinalIgnoreCase));
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal(userId, me.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/auth/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task DisabledAccount_CannotLogInOrRefresh_AndEnabledAgainCan()
    {
        var (userId, password) = await NewAccountAsync("agent");
        var tokens = await TokensAsync(await LoginAsync(system.Anonymous, userId, password));

        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/users/{userId}", new { disabled = true }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(system.Anonymous, userId, password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Refresh })).StatusCode);
        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/users/{userId}", new { disabled = false }));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(system.Anonymous, userId, password)).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_OldPasswordStopsWorking_NewOneWorks()
    {
        var (userId, password) = await NewAccountAsync("agent");
        var newPassword = ApiAccess.NewPassword();

        await SucceedAsync(system.Http.PostAsJsonAsync($"/api/admin/users/{userId}/password", new { password = newPassword }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(system.Anonymous, userId, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(system.Anonymous, userId, newPassword)).StatusCode);
    }

    [Fact]
    public async Task Users_ListedAndRead_NeverShowPasswordsOrTokens()
    {
        var (userId, password) = await NewAccountAsync("agent", "supervisor");

        var listed = await system.Http.GetStringAsync("/api/admin/users");
        var read = await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/users/{userId}");

        Assert.Contains(userId, listed);
        Assert.DoesNotContain(password, listed);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["supervisor", "agent"], read.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(
            ["createdAt", "disabled", "displayName", "id", "roles"],
            read.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Users_CreatedTwiceOrWithAWeakPassword_AreRefused()
    {
        var (userId, _) = await NewAccountAsync("agent");

        var twice = await system.Http.PostAsJsonAsync("/api/admin/users", new { id = userId, displayName = "Again", roles = new[] { "agent" }, password = ApiAccess.NewPassword() });
        var weak = await system.Http.PostAsJsonAsync("/api/admin/users", new { id = "weak-" + userId, displayName = "Weak", roles = new[] { "agent" }, password = "short" });
        var noRole = await system.Http.PostAsJsonAsync("/api/admin/users", new { id = "norole-" + userId, displayName = "None", roles = new[] { "boss" }, password = ApiAccess.NewPassword() });

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync($"/api/admin/users/weak-{userId}")).StatusCode);
    }

    private async Task<(string UserId, string Password)> NewAccountAsync(params string[] roles)
    {
        var userId = "user-" + Guid.NewGuid().ToString("N")[..10];
        var password = ApiAccess.NewPassword();
        await SucceedAsync(system.Http.PostAsJsonAsync("/api/admin/users", new { id = userId, displayName = "Test user", roles, password }));
        return (userId, password);
    }

    private static async Task<HttpStatusCode> LoginFromAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { userId = "nobody-here", password = "whatever-password" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }
}
