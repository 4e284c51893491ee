using Conversations.Inbound;

namespace Conversations.Activities;

/// <summary>The development profile's activity log: one silo, gone on restart.</summary>
public sealed class InMemoryActivityLog : IActivityLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Activity>> _byConversation = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnectorMessageKey, Activity> _byConnectorMessage = [];
    private readonly Dictionary<string, DateTimeOffset> _lastCustomerActivity = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, long), DeliveryOutcome> _deliveries = [];
    private readonly Dictionary<(string, long), DateTimeOffset> _claims = [];

    public Task AppendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var activity in activities)
            {
                if (activity is { Kind: ActivityKind.CustomerMessage, ServiceIdentifier: { } service, Sender: { } sender, ConnectorMessageId: { } messageId }
                    && !_byConnectorMessage.TryAdd(new ConnectorMessageKey(service, sender, messageId), activity))
                {
                    continue;
                }

                if (!_byConversation.TryGetValue(activity.ConversationId, out var list))
                {
                    _byConversation[activity.ConversationId] = list = [];
                }

                list.Add(activity);
                if (activity is { Kind: ActivityKind.CustomerMessage, ChannelSessionId: { } sessionId })
                {
                    _lastCustomerActivity[sessionId] = activity.OccurredAt;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<Activity?> FindByConnectorMessageAsync(ConnectorMessageKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byConnectorMessage.GetValueOrDefault(key));
        }
    }

    public Task<ActivityPage> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var all = _byConversation.GetValueOrDefault(conversationId) ?? [];
            var page = all.Where(a => a.Sequence > afterSequence).OrderBy(a => a.Sequence).Take(limit + 1).Select(WithDelivery).ToList();
            return Task.FromResult(ActivityPages.Of(page, afterSequence, limit));
        }
    }

    public Task<long> GetLastSequenceAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var all = _byConversation.GetValueOrDefault(conversationId);
            return Task.FromResult(all is { Count: > 0 } ? all.Max(a => a.Sequence) : 0L);
        }
    }

    public Task<DateTimeOffset?> GetLastCustomerActivityAsync(string channelSessionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_lastCustomerActivity.TryGetValue(channelSessionId, out var at) ? at : (DateTimeOffset?)null);
        }
    }

    public Task RecordDeliveryAsync(string conversationId, long sequence, DeliveryOutcome outcome, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _deliveries[(conversationId, sequence)] = outcome;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Activity>> ClaimLostDeliveriesAsync(
        DateTimeOffset now, TimeSpan lostAfter, TimeSpan maxAge, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var lost = _byConversation.Values
                .SelectMany(list => list)
                .Where(a => a.Kind is ActivityKind.BotMessage or ActivityKind.AgentMessage
                    && a.OccurredAt < now - lostAfter
                    && a.OccurredAt > now - maxAge
                    && !_deliveries.ContainsKey((a.ConversationId, a.Sequence))
                    && (!_claims.TryGetValue((a.ConversationId, a.Sequence), out var claimed) || claimed < now - lostAfter))
                .OrderBy(a => a.OccurredAt)
                .Take(limit)
                .ToList();
            foreach (var activity in lost)
            {
                _claims[(activity.ConversationId, activity.Sequence)] = now;
            }

            return Task.FromResult<IReadOnlyList<Activity>>(lost);
        }
    }

    /// <summary>Every activity of one conversation, for the in-memory reporting store.</summary>
    internal IReadOnlyList<Activity> Snapshot(string conversationId)
    {
        lock (_gate)
        {
            return [.. (_byConversation.GetValueOrDefault(conversationId) ?? []).Select(WithDelivery)];
        }
    }

    private Activity WithDelivery(Activity activity) =>
        _deliveries.TryGetValue((activity.ConversationId, activity.Sequence), out var outcome) ? activity with { Delivery = outcome } : activity;
}
