using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.GatewayTests.Foundation;

/// <summary>
/// Meta's Graph API on loopback, as far as WhatsApp messages go: records every POST to
/// <c>/{version}/{phoneNumberId}/messages</c> (URL, headers, JSON body) and answers as the Cloud API does, with a new
/// wamid; serves media put on it in Meta's two steps (the media id gives a URL), to callers with its access token.
/// </summary>
public sealed class FakeWhatsAppGraph : IAsyncDisposable
{
    private readonly ConcurrentQueue<Sent> _sent = new();
    private readonly ConcurrentDictionary<string, bool> _refusedRecipients = new();
    private readonly ConcurrentDictionary<string, (string Authorization, string MimeType, byte[] Bytes)> _media = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>What was sent from the business number with this phone number id, oldest first.</summary>
    public IReadOnlyList<Sent> From(string phoneNumberId) => [.. _sent.Where(s => s.PhoneNumberId == phoneNumberId)];

    /// <summary>Messages to <paramref name="waId"/> are refused as Meta refuses a test number's recipient not on its list.</summary>
    public void RefuseRecipient(string waId) => _refusedRecipients[waId] = true;

    /// <summary>A customer's file as Meta keeps it: its media id, readable with <paramref name="accessToken"/>.</summary>
    public string PutMedia(string accessToken, string mimeType, byte[] bytes)
    {
        var mediaId = Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(CultureInfo.InvariantCulture);
        _media[mediaId] = ("Bearer " + accessToken, mimeType, bytes);
        return mediaId;
    }

    public async Task StartAsync()
    {
        _app = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/{version}/{mediaId}", (string mediaId, HttpRequest request) => Media(mediaId, request) is { } media
                ? Results.Json(new { messaging_product = "whatsapp", url = $"{BaseUrl}/whatsapp-media/{mediaId}", mime_type = media.MimeType, file_size = media.Bytes.Length, id = mediaId })
                : Results.NotFound());
            app.MapGet("/whatsapp-media/{mediaId}", (string mediaId, HttpRequest request) =>
                Media(mediaId, request) is { } media ? Results.Bytes(media.Bytes, media.MimeType) : Results.NotFound());
            app.MapPost("/{version}/{phoneNumberId}/messages", async (string version, string phoneNumberId, HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                _sent.Enqueue(new Sent(version, phoneNumberId, body.RootElement.Clone(), headers));
                var to = body.RootElement.TryGetProperty("to", out var recipient) ? recipient.GetString() : null;
                if (_refusedRecipients.ContainsKey(to ?? ""))
                {
                    return Results.Json(
                        new
                        {
                            error = new
                            {
                                message = "(#131030) Recipient phone number not in allowed list",
                                type = "OAuthException",
                                code = 131030,
                                error_data = new { messaging_product = "whatsapp", details = "Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again." },
                                fbtrace_id = "AbCdEf1234",
                            },
                        },
                        statusCode: 400);
                }

                return Results.Json(new
                {
                    messaging_product = "whatsapp",
                    contacts = new[] { new { input = to, wa_id = to } },
                    messages = new[] { new { id = "wamid." + Guid.NewGuid().ToString("N") } },
                });
            });
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

    private (string MimeType, byte[] Bytes)? Media(string mediaId, HttpRequest request) =>
        _media.TryGetValue(mediaId, out var media) && media.Authorization == request.Headers.Authorization.ToString() ? (media.MimeType, media.Bytes) : null;

    public sealed record Sent(string Version, string PhoneNumberId, JsonElement Body, IReadOnlyDictionary<string, string> Headers);
}
