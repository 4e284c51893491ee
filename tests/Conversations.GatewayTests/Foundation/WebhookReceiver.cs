using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conversations.GatewayTests.Foundation;

/// <summary>
/// A channel connector's webhook on loopback: records every POST it receives (the raw bytes and headers too,
/// to check signatures) and can be told to fail the first attempts of a hook, like a connector having a bad minute.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    public string HookUrl(string hook) => $"{BaseUrl}/hooks/{hook}";

    /// <summary>The next <paramref name="times"/> POSTs to the hook answer 503.</summary>
    public void FailNext(string hook, int times) => _failuresLeft[hook] = times;

    public IReadOnlyList<Received> To(string hook) => [.. _received.Where(r => r.Hook == hook)];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks/{hook}", async (string hook, HttpRequest request) =>
        {
            using var raw = new MemoryStream();
            await request.Body.CopyToAsync(raw);
            var body = JsonDocument.Parse(raw.ToArray());
            var failing = false;
            _failuresLeft.AddOrUpdate(hook, 0, (_, left) =>
            {
                failing = left > 0;
                return Math.Max(0, left - 1);
            });
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new Received(hook, body.RootElement.Clone(), failing ? 503 : 200, raw.ToArray(), headers));
            return failing ? Results.StatusCode(503) : Results.Ok();
        });
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public sealed record Received(string Hook, JsonElement Body, int AnsweredStatus, byte[] RawBody, IReadOnlyDictionary<string, string> Headers);
}
