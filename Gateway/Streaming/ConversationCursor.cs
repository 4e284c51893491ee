using System.Globalization;

namespace Conversations.Gateway.Streaming;

/// <summary>
/// How far a stream has read each of its conversations: "conv-a:12,conv-b:7" for an agent desk, one entry for a web
/// chat visitor. It is the SSE event id, so a reconnecting browser sends it back as Last-Event-ID and gets exactly what
/// it missed.
/// </summary>
public sealed class ConversationCursor
{
    private readonly Dictionary<string, long> _read = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, long>> Conversations => _read;

    public static ConversationCursor Parse(string? text)
    {
        var cursor = new ConversationCursor();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || !GrainKeys.IsConversationId(part[..colon])
                || !long.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                throw DomainException.Invalid($"'{part}' is not a cursor entry (conversation-id:sequence).");
            }

            cursor._read[part[..colon]] = sequence;
        }

        return cursor;
    }

    /// <summary>Records a message as read; false when it was read already (replay and live overlap).</summary>
    public bool Advance(string conversationId, long sequence)
    {
        if (_read.TryGetValue(conversationId, out var read) && read >= sequence)
        {
            return false;
        }

        _read[conversationId] = sequence;
        return true;
    }

    /// <summary>The last sequence read in the conversation, 0 when none.</summary>
    public long ReadOf(string conversationId) => _read.GetValueOrDefault(conversationId);

    public void Forget(string conversationId) => _read.Remove(conversationId);

    public override string ToString() =>
        string.Join(',', _read.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}:{e.Value.ToString(CultureInfo.InvariantCulture)}"));
}
