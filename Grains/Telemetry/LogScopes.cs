using System.Collections;
using Microsoft.Extensions.Logging;

namespace Conversations.Telemetry;

/// <summary>Ids every log line of a conversation carries as scope properties (the JSON console writes them out).</summary>
public static class LogScopes
{
    public static IDisposable? BeginConversationScope(this ILogger logger, string conversationId, string? customerId = null) =>
        logger.BeginScope(new ConversationScope(conversationId, customerId));

    /// <summary>Properties for structured sinks, and readable text for the plain console.</summary>
    private sealed class ConversationScope(string conversationId, string? customerId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => customerId is null ? 1 : 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("ConversationId", conversationId),
            1 when customerId is not null => new("CustomerId", customerId),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() =>
            customerId is null ? $"ConversationId:{conversationId}" : $"ConversationId:{conversationId}, CustomerId:{customerId}";
    }
}
