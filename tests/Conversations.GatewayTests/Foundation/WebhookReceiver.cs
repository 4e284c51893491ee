using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.GatewayTests.Foundation;

/// <summary>
/// A channel connector's webhook on loopback: records every POST it receives (the raw bytes and headers too,
/// to check signatures, and when it came) and can be told to refuse a hook's POSTs for a while, like a connector
/// having a bad minute, being down, rejecting a message or asking to slow down.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, Refusal> _refusals = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    public string HookUrl(string hook) => $"{BaseUrl}/hooks/{hook}";

    /// <summary>The next <paramref name="times"/> POSTs to the hook answer 503.</summary>
    public void FailNext(string hook, int times) => Refuse(hook, 503, times);

    /// <summary>
    /// The next <paramref name="times"/> POSTs to the hook (all of them until <see cref="Restore"/> when not given) answer
    /// <paramref name="status"/>, with a Retry-After of <paramref name="retryAfter"/> when given.
    /// </summary>
    public void Refuse(string hook, int status, int times = int.MaxValue, TimeSpan? retryAfter = null) =>
        _refusals[hook] = new Refusal(status, times, retryAfter);

    /// <summary>The hook takes every POST again.</summary>
    public void Restore(string hook) => _refusals.TryRemove(hook, out _);

    public IReadOnlyList<Received> To(string hook) => [.. _received.Where(r => r.Hook == hook)];

    public async Task StartAsync()
    {
        _app = await LoopbackHost.StartAsync(app => app.MapPost("/hooks/{hook}", async (string hook, HttpRequest request, HttpResponse response) =>
        {
            using var raw = new MemoryStream();
            await request.Body.CopyToAsync(raw);
            var body = JsonDocument.Parse(raw.ToArray());
            Refusal? refused = null;
            _refusals.AddOrUpdate(hook, Refusal.None, (_, refusal) =>
            {
                refused = refusal.TimesLeft > 0 ? refusal : null;
                return refusal with { TimesLeft = Math.Max(0, refusal.TimesLeft - 1) };
            });
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new Received(hook, body.RootElement.Clone(), refused?.Status ?? 200, raw.ToArray(), headers, DateTimeOffset.UtcNow));
            if (refused?.RetryAfter is { } retryAfter)
            {
                response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return refused is null ? Results.Ok() : Results.StatusCode(refused.Status);
        }));
        BaseUrl = _app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <param name="At">When it arrived, by the real clock the silo delivering to it runs on.</param>
    public sealed record Received(string Hook, JsonElement Body, int AnsweredStatus, byte[] RawBody, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);

    private sealed record Refusal(int Status, int TimesLeft, TimeSpan? RetryAfter)
    {
        public static Refusal None { get; } = new(200, 0, null);
    }
}
