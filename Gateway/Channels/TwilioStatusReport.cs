using Conversations.Activities;

namespace Conversations.Gateway.Channels;

/// <summary>
/// Twilio's status callback for a message we sent: its <c>MessageStatus</c> as a delivery outcome. Twilio's own steps
/// before "sent" (queued, accepted, scheduled, sending) add nothing to what taking the message already recorded.
/// </summary>
public static class TwilioStatusReport
{
    /// <summary>The outcome and, for a failure, why; null outcome when the status moves nothing.</summary>
    public static (DeliveryOutcome? Outcome, string? Failure) Read(IFormCollection form)
    {
        var status = form["MessageStatus"].ToString();
        var outcome = status switch
        {
            "sent" => DeliveryOutcome.Sent,
            "delivered" => DeliveryOutcome.Delivered,
            "read" => DeliveryOutcome.Read,
            "failed" or "undelivered" or "canceled" => DeliveryOutcome.Failed,
            _ => (DeliveryOutcome?)null,
        };
        var errorCode = form["ErrorCode"].ToString();
        return (outcome, outcome == DeliveryOutcome.Failed
            ? $"Twilio reports the message {status}" + (errorCode.Length > 0 ? $" (error {errorCode}, https://www.twilio.com/docs/api/errors/{Uri.EscapeDataString(errorCode)})" : "")
            : null);
    }
}
