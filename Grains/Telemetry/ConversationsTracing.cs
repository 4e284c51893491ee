using System.Diagnostics;

namespace Conversations.Telemetry;

/// <summary>
/// The runtime's own spans, where no library makes one: the activity-log commit of a decision, and each attempt to
/// deliver a message to a connector (which runs after the grain call that logged it, in the same trace).
/// </summary>
public static class ConversationsTracing
{
    public const string SourceName = "Conversations";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartCommit(string conversationId, int activities) =>
        Source.StartActivity("activity log commit")
            ?.SetTag("conversation.id", conversationId)
            .SetTag("conversation.activities", activities);

    /// <summary>A delivery attempt, child of the span that handed the message over (<paramref name="handedOverIn"/>).</summary>
    public static Activity? StartDelivery(ActivityContext handedOverIn, string messageId, string connectorId, int attempt) =>
        Source.StartActivity("webhook delivery", ActivityKind.Internal, handedOverIn)
            ?.SetTag("message.id", messageId)
            .SetTag("connector.id", connectorId)
            .SetTag("delivery.attempt", attempt);
}
