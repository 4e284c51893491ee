using System.Text.Json.Serialization;

namespace Conversations.Channels;

/// <summary>A kind of channel such as WHATSAPP or WEB; its identity kind says how customers are recognised.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelType(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] IdentityKind IdentityKind);

/// <summary>A third party carrying channels, such as Twilio or 360dialog.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelProvider(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name);

/// <summary>The integration speaking one provider's format; outbound messages are POSTed to its webhook.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelConnector(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string ProviderId,
    [property: Id(3)] string ChannelTypeCode,
    [property: Id(4)] string WebhookUrl);

/// <summary>A service identifier customers reach the business on, with its routing and inactivity rules.</summary>
[GenerateSerializer, Immutable]
public sealed record Channel(
    [property: Id(0)] string ServiceIdentifier,
    [property: Id(1)] string Name,
    [property: Id(2)] string ConnectorId,
    [property: Id(3)] RoutingMode RoutingMode,
    [property: Id(4)] int CustomerInactivityTimeoutSeconds,
    [property: Id(5)] string? PullListName = null,
    [property: Id(6)] int? WrapUpTimeoutSeconds = null,
    [property: Id(7)] int? OfferTimeoutSeconds = null)
{
    /// <summary>How long a pushed offer waits for the agent before it goes to the next one.</summary>
    public const int DefaultOfferTimeoutSeconds = 30;

    [JsonIgnore]
    public TimeSpan CustomerInactivityTimeout => TimeSpan.FromSeconds(CustomerInactivityTimeoutSeconds);
}

/// <summary>A channel together with what it references, as the inbound path needs it.</summary>
[GenerateSerializer, Immutable]
public sealed record ResolvedChannel(
    [property: Id(0)] Channel Channel,
    [property: Id(1)] ChannelConnector Connector,
    [property: Id(2)] ChannelType Type);
