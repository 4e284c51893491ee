namespace Conversations.Inbound;

/// <summary>
/// Entry point for connector traffic: finds the channel and the customer, then hands the event to
/// the customer's grain. Stateless, so every silo runs as many as the load needs.
/// </summary>
public interface IInboundGrain : IGrainWithIntegerKey
{
    Task<InboundAccepted> ReceiveMessageAsync(InboundMessage message);

    Task<ConnectorEventHandled> ReceiveEventAsync(ConnectorEvent connectorEvent);
}
