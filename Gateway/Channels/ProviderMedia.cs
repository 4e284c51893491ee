using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Domain;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Channels;

/// <summary>
/// Fetches an attachment's bytes from the provider that holds them, with the credentials of the connector the
/// message came through. An attachment is only fetched from its own provider's API, and only through a connector of
/// that provider's kind, so a reference can never make the gateway send a provider's credentials anywhere else.
/// </summary>
public sealed class ProviderMedia(IHttpClientFactory httpClients, ConnectorSecrets secrets, IOptions<ProviderApiOptions> options)
{
    public const string HttpClientName = nameof(ProviderMedia);

    /// <summary>The provider's answer with the bytes, to stream on; null when the provider has no such media (any more).</summary>
    public async Task<HttpResponseMessage?> FetchAsync(MessageAttachment attachment, ChannelConnector connector, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(attachment, connector, cancellationToken);
        return await SendAsync(request, cancellationToken);
    }

    private async Task<HttpRequestMessage> RequestAsync(MessageAttachment attachment, ChannelConnector connector, CancellationToken cancellationToken) =>
        (attachment.Source, connector.Kind) switch
        {
            (AttachmentSource.TwilioMedia, ConnectorKind.Twilio) => await TwilioMediaAsync(attachment.Reference, connector),
            (AttachmentSource.WhatsAppMedia, ConnectorKind.WhatsAppCloud) => await WhatsAppMediaAsync(attachment.Reference, connector, cancellationToken),
            _ => throw DomainException.NotFound("The attachment's connector can no longer fetch it."),
        };

    /// <summary>Twilio's media URL, on Twilio's API host, read with the account's basic auth (its redirect to storage drops it).</summary>
    private async Task<HttpRequestMessage> TwilioMediaAsync(string mediaUrl, ChannelConnector connector)
    {
        if (!Uri.TryCreate(mediaUrl, UriKind.Absolute, out var url) || !SameOrigin(url, options.Value.TwilioApiBase))
        {
            throw DomainException.NotFound("The attachment is not on Twilio's API.");
        }

        var authToken = await RequireSecretAsync(connector, ConnectorRules.TwilioAuthToken);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connector.Twilio!.AccountSid}:{authToken}")));
        return request;
    }

    /// <summary>Meta's two steps: the media id gives a short-lived URL, which is read with the same bearer token.</summary>
    private async Task<HttpRequestMessage> WhatsAppMediaAsync(string mediaId, ChannelConnector connector, CancellationToken cancellationToken)
    {
        if (!mediaId.All(char.IsAsciiDigit))
        {
            throw DomainException.NotFound("The attachment is not a WhatsApp media id.");
        }

        var accessToken = await RequireSecretAsync(connector, ConnectorRules.WhatsAppAccessToken);
        var graph = options.Value;
        using var lookup = new HttpRequestMessage(HttpMethod.Get, $"{graph.WhatsAppGraphBase.AbsoluteUri.TrimEnd('/')}/{graph.WhatsAppGraphVersion}/{mediaId}");
        lookup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var found = await SendAsync(lookup, cancellationToken) ?? throw DomainException.NotFound("WhatsApp no longer has the attachment.");
        using var media = await JsonDocument.ParseAsync(await found.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (!media.RootElement.TryGetProperty("url", out var urlProperty)
            || !Uri.TryCreate(urlProperty.GetString(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != graph.WhatsAppGraphBase.Scheme))
        {
            throw new HttpRequestException("WhatsApp answered the media lookup without a download URL.");
        }

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    private async Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        response.Dispose();
        return response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Gone
            ? null
            : throw new HttpRequestException($"The provider answered {(int)response.StatusCode} for the attachment.");
    }

    private async Task<string> RequireSecretAsync(ChannelConnector connector, string name) =>
        await secrets.ProviderSecretAsync(connector.Id, name)
        ?? throw DomainException.NotFound($"The connector has no {name} to fetch the attachment with.");

    private static bool SameOrigin(Uri url, Uri origin) =>
        url.Scheme == origin.Scheme && string.Equals(url.Host, origin.Host, StringComparison.OrdinalIgnoreCase) && url.Port == origin.Port;
}
