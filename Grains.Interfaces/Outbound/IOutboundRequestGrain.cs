namespace Conversations.Outbound;

/// <summary>
/// One client request to write to a customer (key <see cref="GrainKeys.OutboundRequest"/>): the first call starts it, a
/// repeat of the same request answers what the first started, and another request under the same id is refused.
/// </summary>
public interface IOutboundRequestGrain : IGrainWithStringKey
{
    Task<OutboundStarted> StartAsync(OutboundRequest request);
}
