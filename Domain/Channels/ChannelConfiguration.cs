using System.Text.Json.Serialization;

namespace Conversations.Channels;

/// <summary>A kind of channel such as WHATSAPP or WEB; its identity kind says how customers are recognised.</summary>
public sealed record ChannelType(
    string Code,
    string Name,
    IdentityKind IdentityKind);

/// <summary>A third party carrying channels, such as Twilio or 360dialog.</summary>
public sealed record ChannelProvider(
    string Id,
    string Name);

/// <summary>
/// The integration speaking one provider's format. Its kind says how traffic flows: a <see cref="ConnectorKind.Webhook"/>
/// connector gets outbound messages POSTed to its webhook URL; the provider kinds have their own settings
/// (<see cref="TwilioSettings"/>, <see cref="WhatsAppCloudSettings"/>) and are called through the provider's API, and a
/// <see cref="ConnectorKind.WebChat"/> connector's visitors read their messages from the gateway.
/// </summary>
public sealed record ChannelConnector(
    string Id,
    string Name,
    string ProviderId,
    string ChannelTypeCode,
    string? WebhookUrl = null,
    ConnectorKind Kind = ConnectorKind.Webhook,
    TwilioSettings? Twilio = null,
    WhatsAppCloudSettings? WhatsAppCloud = null);

/// <summary>A Twilio connector's account; its auth token is a secret, set apart and never shown.</summary>
public sealed record TwilioSettings(string AccountSid);

/// <summary>
/// A WhatsApp Cloud API number (Meta's id for it, not the phone number itself); its app secret, access token and
/// webhook verify token are secrets. Outside WhatsApp's 24-hour customer service window free text is refused, so
/// the <paramref name="OutsideWindowTemplate"/>, when set, is sent instead.
/// </summary>
public sealed record WhatsAppCloudSettings(string PhoneNumberId, WhatsAppTemplate? OutsideWindowTemplate = null);

/// <summary>An approved WhatsApp message template, by the name and language it was approved with.</summary>
public sealed record WhatsAppTemplate(string Name, string Language);

/// <summary>
/// A service identifier customers reach the business on, with its routing and inactivity rules. A session the
/// business opens (an outbound message) waits <see cref="OutboundInactivityTimeout"/> for the customer, who may take a
/// day to answer; campaigns on the channel send at most <see cref="MessagesPerSecond"/>.
/// </summary>
public sealed record Channel(
    string ServiceIdentifier,
    string Name,
    string ConnectorId,
    RoutingMode RoutingMode,
    int CustomerInactivityTimeoutSeconds,
    string? PullListName = null,
    int? WrapUpTimeoutSeconds = null,
    int? OfferTimeoutSeconds = null,
    int? OutboundInactivityTimeoutSeconds = null,
    int? OutboundMessagesPerSecond = null)
{
    /// <summary>How long a pushed offer waits for the agent before it goes to the next one.</summary>
    public const int DefaultOfferTimeoutSeconds = 30;

    /// <summary>A day: as long as WhatsApp's reply window a template opens.</summary>
    public const int DefaultOutboundInactivityTimeoutSeconds = 24 * 3600;

    /// <summary>Below the lowest tier of the providers' published per-number limits.</summary>
    public const int DefaultOutboundMessagesPerSecond = 10;

    public const int MaxOutboundMessagesPerSecond = 1000;

    [JsonIgnore]
    public TimeSpan OutboundInactivityTimeout => TimeSpan.FromSeconds(OutboundInactivityTimeoutSeconds ?? DefaultOutboundInactivityTimeoutSeconds);

    [JsonIgnore]
    public int MessagesPerSecond => OutboundMessagesPerSecond ?? DefaultOutboundMessagesPerSecond;

    [JsonIgnore]
    public TimeSpan CustomerInactivityTimeout => TimeSpan.FromSeconds(CustomerInactivityTimeoutSeconds);

    /// <summary>How long an agent has to answer an offer; <see cref="DefaultOfferTimeoutSeconds"/> unless configured.</summary>
    [JsonIgnore]
    public TimeSpan OfferTimeout => TimeSpan.FromSeconds(OfferTimeoutSeconds ?? DefaultOfferTimeoutSeconds);

    /// <summary>Wrap-up after an agent's conversation ends, when the channel has one.</summary>
    [JsonIgnore]
    public TimeSpan? WrapUpTimeout => WrapUpTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
}
