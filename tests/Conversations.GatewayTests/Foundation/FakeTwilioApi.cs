using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.GatewayTests.Foundation;

/// <summary>
/// Twilio's Messages API on loopback: records each message creation (the account in the path, the basic-auth header,
/// the form) and answers 201 with a message resource as Twilio does, or, for a "To" told to, Twilio's 400 for an
/// invalid number. Serves media put on it, to callers with the basic auth it was put with.
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<Created> _created = new();
    private readonly ConcurrentDictionary<string, bool> _invalidNumbers = new();
    private readonly ConcurrentDictionary<string, (string Authorization, byte[] Bytes)> _media = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<Created> To(string number) => [.. _created.Where(c => c.Form.GetValueOrDefault("To") == number)];

    /// <summary>Messages to <paramref name="number"/> are refused as Twilio refuses a number that cannot receive them.</summary>
    public void RefuseNumber(string number) => _invalidNumbers[number] = true;

    /// <summary>Media of an incoming message, as Twilio keeps it: its URL, readable with the account's credentials.</summary>
    public string PutMedia(string accountSid, string authToken, byte[] bytes)
    {
        var path = $"/2010-04-01/Accounts/{accountSid}/Messages/MM{Guid.NewGuid():N}/Media/ME{Guid.NewGuid():N}";
        _media[path] = ("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")), bytes);
        return BaseUrl + path;
    }

    public async Task StartAsync()
    {
        _app = await LoopbackHost.StartAsync(app =>
        {
            app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", async (string accountSid, HttpRequest request) =>
            {
                var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
                var sid = "SM" + Guid.NewGuid().ToString("N");
                _created.Enqueue(new Created(accountSid, request.Headers.Authorization.ToString(), form, sid));
                return _invalidNumbers.ContainsKey(form.GetValueOrDefault("To") ?? "")
                    ? Results.Json(new { code = 21211, message = "The 'To' number is not a valid phone number.", status = 400 }, statusCode: 400)
                    : Results.Json(new { sid, account_sid = accountSid, status = "queued", to = form.GetValueOrDefault("To"), body = form.GetValueOrDefault("Body") }, statusCode: 201);
            });
            app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}", (HttpRequest request) =>
                !_media.TryGetValue(request.Path, out var media) ? Results.NotFound()
                : media.Authorization != request.Headers.Authorization.ToString() ? Results.Unauthorized()
                : Results.Bytes(media.Bytes, "image/png"));
        });
        BaseUrl = _app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <param name="Authorization">The Authorization header as sent.</param>
    /// <param name="Sid">The message SID the fake answered with.</param>
    public sealed record Created(string AccountSid, string Authorization, IReadOnlyDictionary<string, string> Form, string Sid);
}
