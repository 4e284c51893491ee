using Conversations.Channels;
using Conversations.Customers;
using Conversations.Domain;
using Orleans.Concurrency;

namespace Conversations.Inbound;

[StatelessWorker]
public sealed class InboundGrain(ChannelDirectory channels) : Grain, IInboundGrain
{
    public async Task<InboundAccepted> ReceiveMessageAsync(InboundMessage message)
    {
        message.Validate();
        var channel = await FindChannelAsync(message.ServiceIdentifier);
        var identity = CustomerIdentityRules.Identify(channel.Type.IdentityKind, message.CustomerChannelIdentifier);
        var customerId = await IdentityGrain(identity).ResolveAsync(identity);
        return await GrainFactory.GetGrain<ICustomerGrain>(customerId).ReceiveMessageAsync(channel, message);
    }

    public async Task<ConnectorEventHandled> ReceiveEventAsync(ConnectorEvent connectorEvent)
    {
        connectorEvent.Validate();
        var channel = await FindChannelAsync(connectorEvent.ServiceIdentifier);
        var identity = CustomerIdentityRules.Identify(channel.Type.IdentityKind, connectorEvent.CustomerChannelIdentifier);

        // An event about someone never seen creates nobody.
        return await IdentityGrain(identity).FindAsync() is { } customerId
            ? await GrainFactory.GetGrain<ICustomerGrain>(customerId).ReceiveEventAsync(channel, connectorEvent)
            : new ConnectorEventHandled(null, null, Closed: false);
    }

    private async Task<ResolvedChannel> FindChannelAsync(string serviceIdentifier) =>
        await channels.FindAsync(serviceIdentifier)
        ?? throw DomainException.NotFound($"No channel has the service identifier '{serviceIdentifier}'.");

    private ICustomerIdentityGrain IdentityGrain(CustomerIdentity identity) =>
        GrainFactory.GetGrain<ICustomerIdentityGrain>(GrainKeys.Identity(identity));
}
