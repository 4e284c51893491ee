using Conversations.Channels;
using Conversations.Domain;

namespace Conversations.Inbound;

/// <summary>
/// What makes an inbound customer message a repeat of one already taken: the same channel, the same sender
/// (normalised as for identity, so "whatsapp:+49 170 1234567" and "+491701234567" are one sender) and the same
/// connector message id. Providers mean their ids per message, so the same id from another sender can only be a
/// connector bug; it is taken as a new message, because answering it with another customer's ids would lose it.
/// </summary>
public sealed record ConnectorMessageKey(string ServiceIdentifier, string Sender, string ConnectorMessageId)
{
    public static ConnectorMessageKey Of(IdentityKind kind, string serviceIdentifier, string customerChannelIdentifier, string connectorMessageId) =>
        new(serviceIdentifier, CustomerIdentityRules.Identify(kind, customerChannelIdentifier).Value, connectorMessageId);
}
