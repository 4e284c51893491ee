using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.GatewayTests.Foundation;

/// <summary>
/// Meta's Graph API on loopback, as far as sending WhatsApp messages goes: records every POST to
/// <c>/{version}/{phoneNumberId}/messages</c> (URL, headers, JSON body) and answers as the Cloud API does, with a new wamid.
/// </summary>
public sealed class FakeWhatsAppGraph : IAsyncDisposable
{
    private readonly ConcurrentQueue<Sent> _sent = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>What was sent from the business number with this phone number id, oldest first.</summary>
    public IReadOnlyList<Sent> From(string phoneNumberId) => [.. _sent.Where(s => s.PhoneNumberId == phoneNumberId)];

    public async Task StartAsync()
    {
        _app = await LoopbackHost.StartAsync(app => app.MapPost("/{version}/{phoneNumberId}/messages", async (string version, string phoneNumberId, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _sent.Enqueue(new Sent(version, phoneNumberId, body.RootElement.Clone(), headers));
            var to = body.RootElement.TryGetProperty("to", out var recipient) ? recipient.GetString() : null;
            return Results.Json(new
            {
                messaging_product = "whatsapp",
                contacts = new[] { new { input = to, wa_id = to } },
                messages = new[] { new { id = "wamid." + Guid.NewGuid().ToString("N") } },
            });
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

    public sealed record Sent(string Version, string PhoneNumberId, JsonElement Body, IReadOnlyDictionary<string, string> Headers);
}
