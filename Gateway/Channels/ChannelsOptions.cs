namespace Conversations.Gateway.Channels;

/// <summary>The gateway's "Channels" configuration section: what provider webhooks need to know about the gateway.</summary>
public sealed class ChannelsOptions
{
    public const string Section = "Channels";

    /// <summary>
    /// The gateway's address as providers call it, e.g. <c>https://cc.example.com</c> (a path prefix a proxy adds may
    /// follow). Providers sign the URL they call, and behind a proxy the gateway sees another one; unset, the request's
    /// own URL counts.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The URL <paramref name="request"/> was sent to, as the provider sees it.</summary>
    public string UrlOf(HttpRequest request) =>
        (PublicBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host.ToUriComponent()}")
        + request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();

    public bool IsValid() =>
        PublicBaseUrl is null
        || (Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Query.Length == 0 && url.Fragment.Length == 0);
}
