using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conversations.Testing;

/// <summary>
/// A channel connector's webhook on loopback that accepts every outbound message (bot greetings), so the
/// silos' delivery does not retry into the void while a test or the bench watches the inbound path. The
/// silos must run on this machine to reach it.
/// </summary>
public sealed class LoopbackWebhook(string hook) : IAsyncDisposable
{
    private WebApplication? _app;

    public string Url { get; private set; } = string.Empty;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks/{hook}", () => Results.Ok());
        await _app.StartAsync();
        Url = $"{_app.Urls.First()}/hooks/{hook}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
