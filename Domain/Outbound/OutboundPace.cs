namespace Conversations.Outbound;

/// <summary>
/// Keeps a channel's campaign messages within its rate: at most <c>messagesPerSecond</c> in any one second, as
/// providers count their limits. A message gets now when the last second had room, else the moment the oldest of the
/// last <c>messagesPerSecond</c> messages is a second old.
/// </summary>
public sealed class OutboundPace
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>The latest slots handed out, oldest first; never more than the rate needs.</summary>
    private readonly Queue<DateTimeOffset> _slots = new();

    /// <summary>When the next message may go; the slot is taken.</summary>
    public DateTimeOffset Reserve(DateTimeOffset now, int messagesPerSecond)
    {
        var rate = Math.Max(1, messagesPerSecond);
        while (_slots.Count > rate)
        {
            _slots.Dequeue();
        }

        var slot = now;
        if (_slots.Count == rate && _slots.Peek() + Second > slot)
        {
            slot = _slots.Peek() + Second;
        }

        if (_slots.Count == rate)
        {
            _slots.Dequeue();
        }

        // Never before a slot already handed out: the messages keep the order they asked in.
        if (_slots.Count > 0 && _slots.Last() > slot)
        {
            slot = _slots.Last();
        }

        _slots.Enqueue(slot);
        return slot;
    }
}
