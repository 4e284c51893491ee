namespace Conversations.Activities;

/// <summary>
/// How a message's delivery outcome may change: only forward, from under way (none) to sent, delivered and read, or
/// from under way or sent to failed. Providers report out of order (a "delivered" may arrive before the "sent" of the
/// API call that sent it) and again, so a report that would move a message back is ignored.
/// </summary>
public static class DeliveryProgress
{
    public static bool Advances(DeliveryOutcome? current, DeliveryOutcome next) => current switch
    {
        null => true,
        DeliveryOutcome.Failed => false,
        _ when next == DeliveryOutcome.Failed => current == DeliveryOutcome.Sent,
        _ => Rank(next) > Rank(current.Value),
    };

    /// <summary>The order of the outcomes that are not failures.</summary>
    public static int Rank(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Sent => 1,
        DeliveryOutcome.Delivered => 2,
        DeliveryOutcome.Read => 3,
        _ => 0,
    };
}
