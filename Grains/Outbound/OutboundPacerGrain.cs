namespace Conversations.Outbound;

/// <summary>
/// One channel's pace for campaigns: every batch sending on the channel takes its slots here, so together they keep to
/// the channel's rate. The pace lives in memory: after a restart the channel starts afresh, at most one second's worth early.
/// </summary>
public sealed class OutboundPacerGrain(TimeProvider time) : Grain, IOutboundPacerGrain
{
    private readonly OutboundPace _pace = new();

    public Task<DateTimeOffset> ReserveAsync(int messagesPerSecond) => Task.FromResult(_pace.Reserve(time.GetUtcNow(), messagesPerSecond));
}
