namespace Conversations.Inbound;

/// <summary>
/// Entry point for connector traffic: finds the channel and the customer, then hands the event to
/// the customer's grain. Stateless, so every silo runs as many as the load needs.
/// </summary>
public interface IInboundGrain : IGrainWithIntegerKey
{
    /// <summary>A message from the connector <paramref name="connectorId"/>, which must be the channel's.</summary>
    Task<InboundAccepted> ReceiveMessageAsync(string connectorId, InboundMessage message);

    Task<ConnectorEventHandled> ReceiveEventAsync(string connectorId, ConnectorEvent connectorEvent);
}
