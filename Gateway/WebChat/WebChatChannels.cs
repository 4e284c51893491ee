using Conversations.Channels;
using Conversations.Customers;
using Conversations.Domain;

namespace Conversations.Gateway.WebChat;

/// <summary>The web chat channels visitors call, and who a visitor is on one: the customer its identifier belongs to.</summary>
public sealed class WebChatChannels(IClusterClient cluster)
{
    /// <summary>The channel, when it exists and its connector is a WEB_CHAT one; otherwise there is no web chat here (404).</summary>
    public async Task<ResolvedChannel> FindAsync(string serviceIdentifier)
    {
        var channel = ChannelCatalogRules.IsServiceIdentifier(serviceIdentifier)
            ? await cluster.Get<IChannelGrain>(GrainKeys.Channel(serviceIdentifier)).GetAsync()
            : null;
        if (channel is not { Connector.Kind: ConnectorKind.WebChat })
        {
            throw DomainException.NotFound($"No web chat has the service identifier '{serviceIdentifier}'.");
        }

        // Visitors' identifiers are made here ("visitor:...", "user:..."): a phone or email identity would refuse them.
        return channel.Type.IdentityKind is IdentityKind.WebVisitor or IdentityKind.External
            ? channel
            : throw DomainException.Conflict(
                $"The web chat '{serviceIdentifier}' has the channel type {channel.Type.Code}, whose customers are not web visitors; give it a WEB_VISITOR channel type.");
    }

    /// <summary>The customer behind the visitor, with its active conversation; null until the visitor first wrote.</summary>
    public Task<CustomerView?> CustomerAsync(ResolvedChannel channel, string customerIdentifier) =>
        cluster.Get<ICustomerDirectoryGrain>(0).FindAsync(channel.Type.IdentityKind, customerIdentifier);
}
