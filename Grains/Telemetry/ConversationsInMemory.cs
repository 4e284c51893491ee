using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Conversations.Conversations;

namespace Conversations.Telemetry;

/// <summary>This silo's active conversation grains and their stored state, for the <c>conversations.in_memory</c> gauge.</summary>
internal sealed class ConversationsInMemory
{
    private readonly ConcurrentDictionary<string, ConversationStatus> _states = new(StringComparer.Ordinal);

    public void Set(string conversationId, ConversationStatus status) => _states[conversationId] = status;

    public void Remove(string conversationId) => _states.TryRemove(conversationId, out _);

    /// <summary>Every state, zero included, so a state that empties reads 0 rather than vanishing.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        var counts = _states.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());
        return Enum.GetValues<ConversationStatus>().Select(status =>
            new Measurement<long>(counts.GetValueOrDefault(status), new KeyValuePair<string, object?>("state", status.ToString())));
    }
}
