using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.GatewayTests.Foundation;

/// <summary>Signing in over the API and using the tokens it answers, for the tests of sign-in and sessions.</summary>
internal static class SignIns
{
    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userId, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userId, password });

    /// <summary>Who the gateway takes <paramref name="accessToken"/> for (<c>/api/auth/me</c>).</summary>
    public static Task<HttpResponseMessage> MeAsync(HttpClient gateway, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return gateway.SendAsync(request);
    }

    /// <summary>The access and refresh token of a login's or refresh's answer; fails the test with the answer unless it is 200.</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        var tokens = JsonDocument.Parse(body).RootElement;
        return (tokens.GetProperty("accessToken").GetString()!, tokens.GetProperty("refreshToken").GetString()!);
    }
}
