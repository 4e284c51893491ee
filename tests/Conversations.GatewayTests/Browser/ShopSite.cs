using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Conversations.GatewayTests.Browser;

/// <summary>
/// A customer's site on its own origin (another loopback port), whose page embeds the widget exactly as the README
/// says, so the widget's calls to the gateway are cross-origin as on a real site.
/// </summary>
public sealed class ShopSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ShopSite(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<ShopSite> StartAsync(Uri gateway)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/shop/{service}", (string service, string? user, string? hash) => Results.Content(Page(gateway, service, user, hash), "text/html"));
        await app.StartAsync();
        return new ShopSite(app) { Url = new Uri(app.Urls.First()) };
    }

    public string PageOf(string service) => new Uri(Url, "/shop/" + Uri.EscapeDataString(service)).ToString();

    /// <summary>The page as the shop serves it to its signed-in <paramref name="userId"/>, with the hash its server signed.</summary>
    public string PageOf(string service, string userId, string userHash) =>
        $"{PageOf(service)}?user={Uri.EscapeDataString(userId)}&hash={Uri.EscapeDataString(userHash)}";

    private static string SignedIn(string? user, string? hash) =>
        user is null || hash is null ? string.Empty : $" data-user-id=\"{WebUtility.HtmlEncode(user)}\" data-user-hash=\"{WebUtility.HtmlEncode(hash)}\"";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Page(Uri gateway, string service, string? user, string? hash) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Shop</title></head>
        <body>
          <h1>The shop</h1>
          <script src="{new Uri(gateway, "/webchat/widget.js")}" data-service="{WebUtility.HtmlEncode(service)}"{SignedIn(user, hash)} async></script>
        </body>
        </html>
        """;
}
