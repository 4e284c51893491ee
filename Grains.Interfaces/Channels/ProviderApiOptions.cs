namespace Conversations.Channels;

/// <summary>
/// Where the providers' APIs are, and where providers call us back: the "Channels" section, which the gateway reads
/// too. The API bases are settings so that tests and proxies can stand in.
/// </summary>
public sealed class ProviderApiOptions
{
    public const string Section = "Channels";

    /// <summary>The gateway's address as providers call it; without it Twilio is given no status callback.</summary>
    public string? PublicBaseUrl { get; set; }

    public Uri TwilioApiBase { get; set; } = new("https://api.twilio.com");

    public Uri WhatsAppGraphBase { get; set; } = new("https://graph.facebook.com");

    /// <summary>The Graph API version calls are made with, such as v21.0.</summary>
    public string WhatsAppGraphVersion { get; set; } = "v21.0";

    /// <summary><paramref name="path"/> (starting with /) under <see cref="PublicBaseUrl"/>; null when that is not set.</summary>
    public string? PublicUrl(string path) => PublicBaseUrl is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + path : null;
}
