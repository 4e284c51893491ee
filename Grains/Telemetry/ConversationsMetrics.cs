using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.Conversations;

namespace Conversations.Telemetry;

/// <summary>
/// The runtime's own metrics, one meter named <see cref="MeterName"/>, one instance per silo. Grains and delivery
/// record with one call each; the gauges read this silo's registries when a reader collects them, so summed over
/// silos they describe the cluster.
/// <list type="bullet">
/// <item><c>conversations.customer_messages</c>: customer messages taken into a conversation, by channel type.</item>
/// <item><c>conversations.customer_messages.duplicates</c>: connector retries recognised (the same sender and connector message id again).</item>
/// <item><c>conversations.in_memory</c>: conversation grains active on this silo, by stored state. A conversation
/// counts from its activation until Orleans deactivates it once idle, so this is the load of conversations being
/// worked (recent Closed ones included), not a census of every open conversation in the stores.</item>
/// <item><c>conversations.tasks.waiting</c> and <c>conversations.tasks.oldest_wait</c>: agent tasks waiting on each
/// push queue (channel type) or pull list held on this silo, and how long the longest has waited.</item>
/// <item><c>conversations.offers</c> and <c>conversations.offer_outcomes</c>: offers made to agents, and what became
/// of them (accepted, rejected, timed_out, withdrawn when the customer left), by channel type.</item>
/// <item><c>conversations.webhook.deliveries</c> by final outcome (delivered, failed) and
/// <c>conversations.webhook.duration</c>, each POST to a connector's webhook (retries included), by connector.</item>
/// </list>
/// </summary>
public sealed class ConversationsMetrics
{
    public const string MeterName = "Conversations";

    private readonly Counter<long> _customerMessages;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _offers;
    private readonly Counter<long> _offerOutcomes;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _webhookDuration;
    private readonly ConversationsInMemory _conversations = new();
    private readonly WaitingTasks _waiting = new();

    public ConversationsMetrics(IMeterFactory meters, TimeProvider time)
    {
        var meter = meters.Create(MeterName);
        _customerMessages = meter.CreateCounter<long>("conversations.customer_messages", "{message}", "Customer messages taken into a conversation");
        _duplicates = meter.CreateCounter<long>("conversations.customer_messages.duplicates", "{message}", "Connector retries recognised by their sender and connector message id");
        _offers = meter.CreateCounter<long>("conversations.offers", "{offer}", "Offers of agent tasks made to agents");
        _offerOutcomes = meter.CreateCounter<long>("conversations.offer_outcomes", "{offer}", "What became of offers: accepted, rejected, timed_out, withdrawn");
        _deliveries = meter.CreateCounter<long>("conversations.webhook.deliveries", "{message}", "Outbound messages by final delivery outcome");
        _webhookDuration = meter.CreateHistogram<double>("conversations.webhook.duration", "s", "Duration of each POST to a connector's webhook");
        meter.CreateObservableGauge("conversations.in_memory", _conversations.Observe, "{conversation}", "Conversation grains active on this silo, by state");
        meter.CreateObservableGauge("conversations.tasks.waiting", _waiting.ObserveCounts, "{task}", "Agent tasks waiting per queue");
        meter.CreateObservableGauge("conversations.tasks.oldest_wait", () => _waiting.ObserveOldest(time.GetUtcNow()), "s", "How long the longest-waiting task of each queue has waited");
    }

    public void CustomerMessage(string channelTypeCode, bool duplicate) =>
        (duplicate ? _duplicates : _customerMessages).Add(1, new KeyValuePair<string, object?>("channel_type", channelTypeCode));

    /// <summary>The conversation's stored state; called when it activates and after every state write.</summary>
    public void ConversationIs(string conversationId, ConversationStatus status) => _conversations.Set(conversationId, status);

    public void ConversationDeactivated(string conversationId) => _conversations.Remove(conversationId);

    /// <summary>What waits on a queue now; called when the queue activates and after it changed.</summary>
    public void QueueIs(RoutingMode routing, string queue, IReadOnlyCollection<QueuedTask> waiting) => _waiting.Set(routing, queue, waiting);

    public void QueueDeactivated(RoutingMode routing, string queue) => _waiting.Remove(routing, queue);

    /// <summary>A stored change of an agent task: counts a new offer, or the outcome of the one pending before.</summary>
    public void TaskChanged(AgentTask? before, AgentTask? after)
    {
        if (after is null)
        {
            return;
        }

        var channelType = new KeyValuePair<string, object?>("channel_type", after.Spec.ChannelTypeCode);
        if (OfferOutcomes.Made(before, after))
        {
            _offers.Add(1, channelType);
        }

        if (OfferOutcomes.Of(before, after) is { } outcome)
        {
            _offerOutcomes.Add(1, channelType, new KeyValuePair<string, object?>("outcome", Snake(outcome)));
        }
    }

    public void WebhookAttempt(string connectorId, TimeSpan duration, bool succeeded)
    {
        var tags = new TagList { { "connector", connectorId }, { "result", succeeded ? "success" : "failure" } };
        _webhookDuration.Record(duration.TotalSeconds, tags);
    }

    public void WebhookDelivered(string connectorId, bool delivered) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("connector", connectorId), new KeyValuePair<string, object?>("outcome", delivered ? "delivered" : "failed"));

    private static string Snake(OfferOutcome outcome) => outcome switch
    {
        OfferOutcome.TimedOut => "timed_out",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
