using Microsoft.Extensions.Logging;

namespace Conversations.Telemetry;

/// <summary>Ids every log line of a conversation carries as scope properties (the JSON console writes them out).</summary>
public static class LogScopes
{
    public static IDisposable? BeginConversationScope(this ILogger logger, string conversationId, string? customerId = null) =>
        logger.BeginScope(customerId is null
            ? [new KeyValuePair<string, object?>("ConversationId", conversationId)]
            : new[] { new KeyValuePair<string, object?>("ConversationId", conversationId), new KeyValuePair<string, object?>("CustomerId", customerId) });
}
