using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Conversations.Testing;

/// <summary>
/// How tests reach a secured gateway the way an operator does: a master key shared by silo and gateway, a bootstrap
/// admin, HTTP clients signed in as a given user, and clients calling as a connector with its key.
/// </summary>
public static class ApiAccess
{
    public const string AdminUserId = "admin";

    public static string NewMasterKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string NewPassword() => "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>A client that keeps no cookies, so it is signed in as nothing but what it sends.</summary>
    public static HttpClient Client(Uri baseAddress) =>
        new(new HttpClientHandler { UseCookies = false }) { BaseAddress = baseAddress };

    /// <summary>A client carrying the access token of <paramref name="userId"/>; fails with the gateway's answer when login does.</summary>
    public static async Task<HttpClient> SignInAsync(Uri gateway, string userId, string password, TimeSpan? timeout = null)
    {
        var client = Client(gateway);
        if (timeout is { } limit)
        {
            client.Timeout = limit;
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new { userId, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login as {userId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Creates the account through the admin API (as <paramref name="admin"/>) and signs it in.</summary>
    public static async Task<HttpClient> NewUserAsync(HttpClient admin, string userId, params string[] roles)
    {
        var password = NewPassword();
        var response = await admin.PostAsJsonAsync("/api/admin/users", new { id = userId, displayName = userId, roles, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating user {userId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await SignInAsync(admin.BaseAddress!, userId, password);
    }

    /// <summary>The connector key in the answer to creating a connector, the one place it is shown.</summary>
    public static async Task<string> CreatedConnectorKeyAsync(HttpResponseMessage created)
    {
        using var answer = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("secret").GetString()!;
    }

    /// <summary>A client that signs each call with the connector's key (the way the README recommends).</summary>
    public static HttpClient SigningConnector(Uri gateway, string key, TimeProvider? clock = null) =>
        new(new ConnectorSigningHandler(key, clock ?? TimeProvider.System)) { BaseAddress = gateway };

    /// <summary>A client that sends the connector's key as a bearer token.</summary>
    public static HttpClient BearerConnector(Uri gateway, string key)
    {
        var client = Client(gateway);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
