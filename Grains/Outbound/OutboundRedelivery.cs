using Conversations.Activities;
using Conversations.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Outbound;

/// <summary>
/// Finds bot and agent messages whose delivery was lost with a silo (they are in the activity log, but no
/// outcome was ever recorded) and hands them to delivery again. The activity log is the outbox: a message
/// acknowledged to an agent is never dropped; at worst it is delivered twice with the same message id.
/// </summary>
public sealed partial class OutboundRedelivery(
    IActivityLog activityLog,
    LoggedMessageHandOver handOver,
    IOptions<OutboundDeliveryOptions> options,
    TimeProvider time,
    ILogger<OutboundRedelivery> logger) : PeriodicWork(time)
{
    private readonly OutboundDeliveryOptions _options = options.Value;

    /// <summary>One look for lost deliveries; returns how many messages were handed to delivery again.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var lost = await activityLog.ClaimLostDeliveriesAsync(
            Time.GetUtcNow(), _options.RedeliverAfter, _options.RetryWindow, _options.RedeliveryBatchSize, cancellationToken);
        var sent = 0;
        foreach (var message in lost)
        {
            try
            {
                sent += await handOver.HandOverAsync(message, message.OccurredAt, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Claimed, so it is tried again after RedeliverAfter; the others go ahead now.
                LogHandOverFailed(e, message.ConversationId, message.Sequence);
            }
        }

        return sent;
    }

    protected override TimeSpan Interval => _options.RedeliveryInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await SweepOnceAsync(cancellationToken) is > 0 and var sent)
        {
            LogRedelivered(sent);
        }
    }

    protected override void OnRoundFailed(Exception exception) => LogSweepFailed(exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handed {Count} messages whose delivery was lost to delivery again")]
    private partial void LogRedelivered(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand message {Sequence} of {ConversationId} to delivery again")]
    private partial void LogHandOverFailed(Exception exception, string conversationId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for lost deliveries failed; trying again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
