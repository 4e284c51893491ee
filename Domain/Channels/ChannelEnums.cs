using System.Text.Json.Serialization;

namespace Conversations.Channels;

/// <summary>How a channel hands conversations to agents: offered to one agent, or parked on a list.</summary>
public enum RoutingMode
{
    Push,
    Pull,
}

/// <summary>Which customer identity a channel type's customer identifier is (decides who the customer is).</summary>
public enum IdentityKind
{
    Phone,
    WebVisitor,
    Email,
    External,
}

/// <summary>
/// Which format a connector speaks inbound: the generic JSON connector API, or a provider's own webhooks
/// that the gateway translates (the conversation core never sees them).
/// </summary>
public enum ConnectorKind
{
    Webhook,
    Twilio,
    // The documented JSON name; the enum naming policy alone would split "WhatsApp" into WHATS_APP.
    [JsonStringEnumMemberName("WHATSAPP_CLOUD")]
    WhatsAppCloud,
    WebChat,
}
