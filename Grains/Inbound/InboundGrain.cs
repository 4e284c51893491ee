using Conversations.Channels;
using Conversations.Customers;
using Conversations.Domain;
using Orleans.Concurrency;

namespace Conversations.Inbound;

[StatelessWorker]
public sealed class InboundGrain : Grain, IInboundGrain
{
    public async Task<InboundAccepted> ReceiveMessageAsync(InboundMessage message)
    {
        InboundRules.Validate(message);
        var (channel, customer) = await FindCustomerAsync(message.ServiceIdentifier, message.CustomerChannelIdentifier);
        return await customer.ReceiveMessageAsync(channel, message);
    }

    public async Task<ConnectorEventHandled> ReceiveEventAsync(ConnectorEvent connectorEvent)
    {
        InboundRules.Validate(connectorEvent);
        var (channel, customer) = await FindCustomerAsync(connectorEvent.ServiceIdentifier, connectorEvent.CustomerChannelIdentifier);
        return await customer.ReceiveEventAsync(channel, connectorEvent);
    }

    private async Task<(ResolvedChannel Channel, ICustomerGrain Customer)> FindCustomerAsync(string serviceIdentifier, string customerChannelIdentifier)
    {
        var channel = await GrainFactory.GetGrain<IChannelGrain>(GrainKeys.Channel(serviceIdentifier)).GetAsync()
            ?? throw DomainException.NotFound($"No channel has the service identifier '{serviceIdentifier}'.");
        var identity = CustomerIdentityRules.Identify(channel.Type.IdentityKind, customerChannelIdentifier);
        var customerId = await GrainFactory.GetGrain<ICustomerIdentityGrain>(identity.GrainKey).ResolveAsync(identity);
        return (channel, GrainFactory.GetGrain<ICustomerGrain>(customerId));
    }
}
