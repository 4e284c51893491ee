namespace Conversations.Outbound;

/// <summary>Spaces one channel's campaign messages at the channel's rate (key <see cref="GrainKeys.OutboundPacer"/>).</summary>
public interface IOutboundPacerGrain : IGrainWithStringKey
{
    /// <summary>When the caller's next message may go; the slot is the caller's.</summary>
    Task<DateTimeOffset> ReserveAsync(int messagesPerSecond);
}
