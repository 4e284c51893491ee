using Conversations.Inbound;

namespace Conversations.Activities;

/// <summary>The development profile's activity log: one silo, gone on restart.</summary>
public sealed class InMemoryActivityLog : IActivityLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Activity>> _byConversation = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnectorMessageKey, Activity> _byConnectorMessage = [];
    private readonly Dictionary<string, List<Activity>> _keyedByCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastCustomerActivity = new(StringComparer.Ordinal);
    private readonly Dictionary<DeliveryKey, Outcome> _deliveries = [];
    private readonly Dictionary<DeliveryKey, DateTimeOffset> _claims = [];
    private long _outcomesRecorded;

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

                if (activity is { Kind: ActivityKind.CustomerMessage, ConnectorMessageId: not null })
                {
                    if (!_keyedByCustomer.TryGetValue(activity.CustomerId, out var keyed))
                    {
                        _keyedByCustomer[activity.CustomerId] = keyed = [];
                    }

                    keyed.Add(activity);
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

    public Task<IReadOnlyList<Activity>> ReadCustomerMessagesSinceAsync(
        IReadOnlyList<string> customerIds, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Activity> found = customerIds.SelectMany(id => _keyedByCustomer.GetValueOrDefault(id) ?? [])
                .Where(a => a.OccurredAt >= since).OrderByDescending(a => a.OccurredAt).Take(limit).ToList();
            return Task.FromResult(found);
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

    public Task<bool> RecordDeliveryAsync(string conversationId, long sequence, DeliveryOutcome outcome, string? failure = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = new DeliveryKey(conversationId, sequence);
            if (!DeliveryProgress.Advances(_deliveries.GetValueOrDefault(key)?.Delivery, outcome))
            {
                return Task.FromResult(false);
            }

            _deliveries[key] = new Outcome(outcome, failure, ++_outcomesRecorded);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Activity>> ListFailedDeliveriesAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var failed = _deliveries
                .Where(d => d.Value.Delivery == DeliveryOutcome.Failed)
                .OrderByDescending(d => d.Value.Order)
                .Select(d => Find(d.Key))
                .OfType<Activity>()
                .Take(limit)
                .Select(WithDelivery)
                .ToList();
            return Task.FromResult<IReadOnlyList<Activity>>(failed);
        }
    }

    public Task<Activity?> ReopenFailedDeliveryAsync(string conversationId, long sequence, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = new DeliveryKey(conversationId, sequence);
            if (!_deliveries.TryGetValue(key, out var outcome) || outcome.Delivery != DeliveryOutcome.Failed)
            {
                return Task.FromResult<Activity?>(null);
            }

            _deliveries.Remove(key);
            _claims[key] = now;
            return Task.FromResult(Find(key));
        }
    }

    public Task RenewDeliveryClaimsAsync(IReadOnlyCollection<DeliveryKey> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in deliveries)
            {
                _claims[key] = now;
            }
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
                    && !_deliveries.ContainsKey(new(a.ConversationId, a.Sequence))
                    && (!_claims.TryGetValue(new(a.ConversationId, a.Sequence), out var claimed) || claimed < now - lostAfter))
                .OrderBy(a => a.OccurredAt)
                .Take(limit)
                .ToList();
            foreach (var activity in lost)
            {
                _claims[new(activity.ConversationId, activity.Sequence)] = now;
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

    private Activity? Find(DeliveryKey key) =>
        _byConversation.GetValueOrDefault(key.ConversationId)?.Find(a => a.Sequence == key.Sequence);

    private Activity WithDelivery(Activity activity) =>
        _deliveries.TryGetValue(new(activity.ConversationId, activity.Sequence), out var outcome)
            ? activity with { Delivery = outcome.Delivery, DeliveryFailure = outcome.Failure }
            : activity;

    /// <param name="Order">When it was recorded relative to the others, so the latest failures list first.</param>
    private sealed record Outcome(DeliveryOutcome Delivery, string? Failure, long Order);
}
