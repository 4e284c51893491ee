namespace Conversations.Outbound;

[GenerateSerializer]
public sealed class OutboundRequestState
{
    /// <summary>The <see cref="Fingerprint"/> of the request that started <see cref="Started"/>.</summary>
    [Id(0)]
    public string? Fingerprint { get; set; }

    [Id(1)]
    public OutboundStarted? Started { get; set; }
}
