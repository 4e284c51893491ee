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
        app.MapGet("/shop/{service}", (string service) => Results.Content(Page(gateway, service), "text/html"));
        await app.StartAsync();
        return new ShopSite(app) { Url = new Uri(app.Urls.First()) };
    }

    public string PageOf(string service) => new Uri(Url, "/shop/" + Uri.EscapeDataString(service)).ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Page(Uri gateway, string service) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Shop</title></head>
        <body>
          <h1>The shop</h1>
          <script src="{new Uri(gateway, "/webchat/widget.js")}" data-service="{WebUtility.HtmlEncode(service)}" async></script>
        </body>
        </html>
        """;
}
