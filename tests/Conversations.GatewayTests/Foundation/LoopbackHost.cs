using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.GatewayTests.Foundation;

/// <summary>A quiet minimal web app on a free loopback port, for the tests' stand-ins of the outside world.</summary>
internal static class LoopbackHost
{
    /// <summary>Started with the endpoints <paramref name="map"/> adds; its URL is the first of <c>Urls</c>.</summary>
    public static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }
}
