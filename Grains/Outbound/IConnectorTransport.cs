using Conversations.Activities;
using Conversations.Channels;

namespace Conversations.Outbound;

/// <summary>
/// How messages go out through connectors of one kind: a signed POST to a webhook, a call to a provider's API, or
/// nothing at all (the web chat's visitors read the log). <see cref="OutboundDelivery"/> keeps order and retries; a
/// transport only says what one attempt is.
/// </summary>
public interface IConnectorTransport
{
    ConnectorKind Kind { get; }

    /// <summary>Prepared anew for every attempt, with the connector's secrets as they are now.</summary>
    Task<TransportCall> PrepareAsync(OutboundMessage message, ChannelConnector connector, CancellationToken cancellationToken);

    /// <summary>
    /// What the provider's answer to a refused call says beyond its HTTP status (an error code and message), to add to
    /// the failure reason; null when it says nothing more, as for a plain webhook.
    /// </summary>
    Task<string?> ExplainRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>One attempt: a request whose success means <see cref="OnSuccess"/>, or an outcome known without one.</summary>
/// <param name="Request">Null when nothing needs sending.</param>
/// <param name="OnSuccess">What a 2xx answer (or, without a request, the attempt itself) makes of the message.</param>
/// <param name="Refusal">Why the message cannot go out at all; it fails for good with this reason.</param>
public sealed record TransportCall(HttpRequestMessage? Request, DeliveryOutcome OnSuccess, string? Refusal = null)
{
    public static TransportCall Send(HttpRequestMessage request, DeliveryOutcome onSuccess) => new(request, onSuccess);

    public static TransportCall Settled(DeliveryOutcome outcome) => new(null, outcome);

    public static TransportCall Refuse(string reason) => new(null, DeliveryOutcome.Failed, reason);
}
