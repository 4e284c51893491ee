using Conversations.Activities;
using Conversations.Inbound;

namespace Conversations.Customers;

/// <summary>
/// The customer's messages taken within <see cref="Window"/>, at most the latest <see cref="Capacity"/>, by the key a
/// connector's repeat shares with them, so a customer grain answers a repeat with the original's ids without reading
/// the log on every message: it reads the window once when it activates (nothing for a customer it just created) and
/// adds what it takes. A repeat of an older message is not recognised here; the log still never stores it twice.
/// </summary>
public sealed class RecentMessages
{
    /// <summary>Connectors retry within minutes or hours; a day covers them with room to spare.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>
    /// A message every four seconds for an hour, far more than a person writes, so a retry still finds its original;
    /// a sender flooding unique ids costs a bounded ~0.2 MB instead of every message it sent that day.
    /// </summary>
    public const int Capacity = 1000;

    private readonly Dictionary<ConnectorMessageKey, InboundAccepted> _taken = [];
    private readonly Queue<(ConnectorMessageKey Key, DateTimeOffset At)> _byAge = new();

    // A customer's messages mostly share channel, sender, conversation and session: keep one copy of each, as every
    // message deserialized its own.
    private string? _service, _sender, _conversation, _session, _customer;

    public int Count => _taken.Count;

    /// <summary>The messages the log holds for the customer since the window began.</summary>
    public static RecentMessages Of(IEnumerable<Activity> logged)
    {
        var recent = new RecentMessages();
        foreach (var message in logged.OrderBy(m => m.OccurredAt))
        {
            if (message is { ServiceIdentifier: { } service, Sender: { } sender, ConnectorMessageId: { } id, ChannelSessionId: { } session })
            {
                recent.Taken(new ConnectorMessageKey(service, sender, id),
                    new InboundAccepted(message.ConversationId, session, message.CustomerId, message.Sequence, Duplicate: true), message.OccurredAt);
            }
        }

        return recent;
    }

    /// <summary>The original's ids when this key was taken within the window, marked as a duplicate.</summary>
    public InboundAccepted? Find(ConnectorMessageKey key) => _taken.GetValueOrDefault(key);

    /// <summary>
    /// Remembers a message taken at <paramref name="at"/>, and forgets those older than the window from then and the
    /// oldest beyond <see cref="Capacity"/>.
    /// </summary>
    public void Taken(ConnectorMessageKey key, InboundAccepted accepted, DateTimeOffset at)
    {
        key = new ConnectorMessageKey(Shared(ref _service, key.ServiceIdentifier), Shared(ref _sender, key.Sender), key.ConnectorMessageId);
        var original = accepted with
        {
            ConversationId = Shared(ref _conversation, accepted.ConversationId),
            ChannelSessionId = Shared(ref _session, accepted.ChannelSessionId),
            CustomerId = Shared(ref _customer, accepted.CustomerId),
            Duplicate = true,
        };
        if (!_taken.TryAdd(key, original))
        {
            return;
        }

        _byAge.Enqueue((key, at));
        while (_byAge.TryPeek(out var oldest) && (oldest.At < at - Window || _taken.Count > Capacity))
        {
            _taken.Remove(_byAge.Dequeue().Key);
        }
    }

    private static string Shared(ref string? last, string value) => last == value ? last : last = value;
}
