using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Customers;
using Conversations.Testing;

namespace Conversations.GatewayTests.Foundation;

/// <summary>A web chat visitor as its browser is: the token it keeps, the customer identifier inside, a client sending the token.</summary>
internal sealed record Visitor(string Service, string Token, string CustomerIdentifier, HttpClient Http) : IDisposable
{
    public void Dispose() => Http.Dispose();
}

/// <summary>Steps of the web chat tests: becoming a visitor, writing, finding the visitor's conversation.</summary>
internal static class Visitors
{
    /// <summary>A new visitor of <paramref name="service"/>, signed in as the site's user when <paramref name="identity"/> is given.</summary>
    public static async Task<Visitor> VisitorAsync(this SystemFixture system, string service, object? identity = null)
    {
        var response = await system.Anonymous.PostAsJsonAsync($"/api/webchat/{Uri.EscapeDataString(service)}/visitors", identity ?? new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        return new Visitor(service, token, CustomerIdentifierOf(token), Client(system.Anonymous.BaseAddress!, token));
    }

    /// <summary>A client presenting <paramref name="token"/>, whatever it is, to the gateway at <paramref name="gateway"/>.</summary>
    public static HttpClient Client(Uri gateway, string token)
    {
        var http = ApiAccess.Client(gateway);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static string Path(this Visitor visitor, string what) => $"/api/webchat/{Uri.EscapeDataString(visitor.Service)}/{what}";

    /// <summary>The visitor writes; fails the test unless the message is accepted.</summary>
    public static async Task<JsonElement> SaysAsync(this Visitor visitor, string text, string? clientMessageId = null)
    {
        var response = await visitor.Http.PostAsJsonAsync(visitor.Path("messages"), new { text, clientMessageId = clientMessageId ?? Guid.NewGuid().ToString("N") });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The customer the visitor is, as supervisors look it up.</summary>
    public static async Task<CustomerView> CustomerAsync(this SystemFixture system, Visitor visitor) =>
        (await system.Http.GetFromJsonAsync<CustomerView>(
            $"/api/customers?kind=WEB_VISITOR&value={Uri.EscapeDataString(visitor.CustomerIdentifier)}", SystemFixture.Json))!;

    /// <summary>The token's payload is base64url JSON; its "c" is the customer identifier the gateway gave the visitor.</summary>
    private static string CustomerIdentifierOf(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.GetProperty("c").GetString()!;
}
