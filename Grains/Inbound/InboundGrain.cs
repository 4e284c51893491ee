using Conversations.Channels;
using Conversations.Customers;
using Conversations.Domain;
using Orleans.Concurrency;

namespace Conversations.Inbound;

// Holds nothing between calls, so calls interleave: a stateless worker that is not reentrant runs one call at a time
// per core, and each inbound message's call waits down to its commit, so two cores would carry two messages at once.
[StatelessWorker]
[Reentrant]
public sealed class InboundGrain(ChannelDirectory channels, KnownIdentities known) : Grain, IInboundGrain
{
    public async Task<InboundAccepted> ReceiveMessageAsync(string connectorId, InboundMessage message)
    {
        message.Validate();
        var channel = await FindChannelAsync(connectorId, message.ServiceIdentifier);
        var identity = CustomerIdentityRules.Identify(channel.Type.IdentityKind, message.CustomerChannelIdentifier);
        var customerId = await OwnerAsync(identity, create: true);
        return await GrainFactory.Get<ICustomerGrain>(customerId!).ReceiveMessageAsync(channel, message);
    }

    public async Task<ConnectorEventHandled> ReceiveEventAsync(string connectorId, ConnectorEvent connectorEvent)
    {
        connectorEvent.Validate();
        var channel = await FindChannelAsync(connectorId, connectorEvent.ServiceIdentifier);
        var identity = CustomerIdentityRules.Identify(channel.Type.IdentityKind, connectorEvent.CustomerChannelIdentifier);

        // An event about someone never seen creates nobody.
        return await OwnerAsync(identity, create: false) is { } customerId
            ? await GrainFactory.Get<ICustomerGrain>(customerId).ReceiveEventAsync(channel, connectorEvent)
            : new ConnectorEventHandled(null, null, Closed: false);
    }

    /// <summary>The channel, checked against the calling connector before anything changes.</summary>
    private async Task<ResolvedChannel> FindChannelAsync(string connectorId, string serviceIdentifier)
    {
        var channel = await channels.FindAsync(serviceIdentifier)
            ?? throw DomainException.NotFound($"No channel has the service identifier '{serviceIdentifier}'.");
        InboundRules.RequireOwnChannel(connectorId, channel.Connector.Id, serviceIdentifier);
        return channel;
    }

    /// <summary>The customer the identity belongs to, from what this silo knows or else from the identity's grain.</summary>
    private async ValueTask<string?> OwnerAsync(CustomerIdentity identity, bool create)
    {
        var identityKey = GrainKeys.Identity(identity);
        if (known.TryFind(identityKey, out var customerId))
        {
            return customerId;
        }

        var grain = GrainFactory.Get<ICustomerIdentityGrain>(identityKey);
        return create ? await grain.ResolveAsync(identity) : await grain.FindAsync();
    }
}
