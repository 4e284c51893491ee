using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conversations.Testing;

/// <summary>
/// Signs every request the way the README tells a connector to, written from that recipe rather than from the
/// gateway's code so the two can disagree: <c>v1=</c> hex HMAC-SHA256 keyed with the connector key, of the unix
/// seconds, a dot and the exact body bytes.
/// </summary>
public sealed class ConnectorSigningHandler(string key, TimeProvider clock) : DelegatingHandler(new SocketsHttpHandler())
{
    public static string ConnectorIdOf(string key) => key[..key.IndexOf('.', StringComparison.Ordinal)];

    public static string Signature(string key, string timestamp, byte[] body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray()));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = Array.Empty<byte>();
        if (request.Content is { } content)
        {
            // Sent as the very bytes that were signed.
            body = await content.ReadAsByteArrayAsync(cancellationToken);
            request.Content = new ByteArrayContent(body);
            foreach (var header in content.Headers.Where(h => h.Key != "Content-Length"))
            {
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add("X-Conversations-Connector", ConnectorIdOf(key));
        request.Headers.Add("X-Conversations-Timestamp", timestamp);
        request.Headers.Add("X-Conversations-Signature", Signature(key, timestamp, body));
        return await base.SendAsync(request, cancellationToken);
    }
}
