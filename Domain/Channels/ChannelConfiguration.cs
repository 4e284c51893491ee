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
/// The integration speaking one provider's format; outbound messages are POSTed to its webhook. Its kind says how
/// inbound traffic arrives; a <see cref="ConnectorKind.Twilio"/> connector has <see cref="TwilioSettings"/>.
/// </summary>
public sealed record ChannelConnector(
    string Id,
    string Name,
    string ProviderId,
    string ChannelTypeCode,
    string WebhookUrl,
    ConnectorKind Kind = ConnectorKind.Webhook,
    TwilioSettings? Twilio = null);

/// <summary>A Twilio connector's account; its auth token is a secret, set apart and never shown.</summary>
public sealed record TwilioSettings(string AccountSid);

/// <summary>A service identifier customers reach the business on, with its routing and inactivity rules.</summary>
public sealed record Channel(
    string ServiceIdentifier,
    string Name,
    string ConnectorId,
    RoutingMode RoutingMode,
    int CustomerInactivityTimeoutSeconds,
    string? PullListName = null,
    int? WrapUpTimeoutSeconds = null,
    int? OfferTimeoutSeconds = null)
{
    /// <summary>How long a pushed offer waits for the agent before it goes to the next one.</summary>
    public const int DefaultOfferTimeoutSeconds = 30;

    [JsonIgnore]
    public TimeSpan CustomerInactivityTimeout => TimeSpan.FromSeconds(CustomerInactivityTimeoutSeconds);

    /// <summary>How long an agent has to answer an offer; <see cref="DefaultOfferTimeoutSeconds"/> unless configured.</summary>
    [JsonIgnore]
    public TimeSpan OfferTimeout => TimeSpan.FromSeconds(OfferTimeoutSeconds ?? DefaultOfferTimeoutSeconds);

    /// <summary>Wrap-up after an agent's conversation ends, when the channel has one.</summary>
    [JsonIgnore]
    public TimeSpan? WrapUpTimeout => WrapUpTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
}
