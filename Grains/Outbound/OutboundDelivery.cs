using System.Diagnostics;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Conversations.Activities;
using ChannelConnector = Conversations.Channels.ChannelConnector;
using ConnectorKind = Conversations.Channels.ConnectorKind;
using Conversations.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Outbound;

/// <summary>
/// Delivers outbound messages through their connectors (each kind's <see cref="IConnectorTransport"/>), retrying on
/// the <see cref="DeliverySchedule"/> for as long as its window lasts. Grains never wait on a connector: they append
/// the message to the activity log and hand it over here. Each conversation has one lane: its messages go one after
/// the other, so a later message never overtakes an earlier one still retrying, while other conversations' lanes
/// carry on. Every attempt is prepared anew (fresh timestamp, the connector's secrets as they are now) and is a span
/// in the trace of the call that handed the message over. Logs name the target's host only: a webhook's path and
/// query often hold the connector's secret.
/// </summary>
public sealed partial class OutboundDelivery(
    IHttpClientFactory httpClients,
    IActivityLog activityLog,
    DeliveryRecorder deliveries,
    IEnumerable<IConnectorTransport> transports,
    IOptions<OutboundDeliveryOptions> options,
    ConversationsMetrics metrics,
    TimeProvider time,
    ILogger<OutboundDelivery> logger) : BackgroundService, IOutboundDispatcher
{
    private readonly Channel<Delivery> _handedOver = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Delivery>> _lanes = new(StringComparer.Ordinal);
    private readonly OutboundDeliveryOptions _options = options.Value;
    private readonly DeliverySchedule _schedule = options.Value.Schedule;
    private readonly SemaphoreSlim _posting = new(Math.Max(1, options.Value.Concurrency));
    private readonly HttpClient _http = httpClients.CreateClient(nameof(OutboundDelivery));
    private readonly Dictionary<ConnectorKind, IConnectorTransport> _transports = transports.ToDictionary(t => t.Kind);

    public void Dispatch(ChannelConnector connector, OutboundMessage message, DateTimeOffset windowStart) =>
        _handedOver.Writer.TryWrite(new Delivery(connector, message, windowStart, System.Diagnostics.Activity.Current?.Context ?? default));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(OpenLanesAsync(stoppingToken), RenewClaimsAsync(stoppingToken));

    /// <summary>Stopping ends every lane; what they held has no outcome, so redelivery sends it again.</summary>
    private async Task OpenLanesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _handedOver.Reader.ReadAllAsync(stoppingToken))
            {
                if (Enqueue(delivery))
                {
                    RunLaneAsync(delivery.Message.ConversationId, stoppingToken).Ignore();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>True when the delivery opened its conversation's lane, which then needs running.</summary>
    private bool Enqueue(Delivery delivery)
    {
        var conversationId = delivery.Message.ConversationId;
        lock (_gate)
        {
            if (!_lanes.TryGetValue(conversationId, out var lane))
            {
                _lanes[conversationId] = new Queue<Delivery>([delivery]);
                return true;
            }

            // A claim renewal that came too late lets redelivery hand over a message this lane still holds: once is enough.
            if (!lane.Any(d => d.Message.Sequence == delivery.Message.Sequence))
            {
                lane.Enqueue(delivery);
            }

            return false;
        }
    }

    private async Task RunLaneAsync(string conversationId, CancellationToken stoppingToken)
    {
        for (var delivery = Head(conversationId); delivery is not null; delivery = Next(conversationId))
        {
            await DeliverAsync(delivery, stoppingToken);
        }
    }

    private Delivery Head(string conversationId)
    {
        lock (_gate)
        {
            return _lanes[conversationId].Peek();
        }
    }

    /// <summary>Drops the lane's finished head; closes the lane when nothing waits behind it.</summary>
    private Delivery? Next(string conversationId)
    {
        lock (_gate)
        {
            var lane = _lanes[conversationId];
            lane.Dequeue();
            if (lane.Count > 0)
            {
                return lane.Peek();
            }

            _lanes.Remove(conversationId);
            return null;
        }
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        var message = delivery.Message;
        using var scope = logger.BeginConversationScope(message.ConversationId);
        for (var attempt = 1; ; attempt++)
        {
            var answer = await AttemptAsync(delivery, attempt, stoppingToken);
            if (answer.Failure is null)
            {
                metrics.WebhookDelivered(message.ConnectorId, delivered: true);
                await RecordAsync(message, answer.Outcome, failure: null);
                return;
            }

            var now = time.GetUtcNow();
            var next = answer.Permanent ? null : _schedule.NextAttemptAt(attempt, delivery.WindowStart, now, answer.RetryAfter);
            if (next is null)
            {
                var failure = answer.Permanent ? answer.Failure : $"retry window of {_schedule.Window} closed; last attempt: {answer.Failure}";
                LogGaveUp(message.MessageId, delivery.Connector.Kind, attempt, failure);
                metrics.WebhookDelivered(message.ConnectorId, delivered: false);
                await RecordAsync(message, DeliveryOutcome.Failed, failure);
                return;
            }

            LogRetrying(message.MessageId, delivery.Connector.Kind, attempt, answer.Failure, next.Value - now);
            await Task.Delay(next.Value - now, time, stoppingToken);
        }
    }

    /// <summary>One signed POST; the number of them under way at once is bounded, waits between them are not.</summary>
    private async Task<Answer> AttemptAsync(Delivery delivery, int attempt, CancellationToken stoppingToken)
    {
        var message = delivery.Message;
        await _posting.WaitAsync(stoppingToken);
        try
        {
            using var span = ConversationsTracing.StartDelivery(delivery.HandedOverIn, message.MessageId, message.ConnectorId, attempt);
            var started = time.GetTimestamp();
            var answer = await TryAsync(delivery.Connector, message, stoppingToken);
            metrics.WebhookAttempt(message.ConnectorId, time.GetElapsedTime(started), succeeded: answer.Failure is null);
            if (answer.Failure is not null)
            {
                span?.SetStatus(ActivityStatusCode.Error, answer.Failure);
            }

            return answer;
        }
        finally
        {
            _posting.Release();
        }
    }

    /// <summary>
    /// Without an outcome the message counts as undelivered and is sent again later, so a failure to
    /// record one costs at most a duplicate the connector can recognise by its message id.
    /// </summary>
    private async Task RecordAsync(OutboundMessage message, DeliveryOutcome outcome, string? failure)
    {
        try
        {
            await deliveries.RecordAsync(message.ConversationId, message.Sequence, outcome, failure);
        }
        catch (Exception e)
        {
            LogNotRecorded(e, message.MessageId, outcome);
        }
    }

    /// <summary>Keeps every message a lane holds claimed, so no silo takes a delivery that is retrying for a lost one.</summary>
    private async Task RenewClaimsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RedeliverAfter / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await activityLog.RenewDeliveryClaimsAsync(Held(), time.GetUtcNow(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogClaimsNotRenewed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private List<DeliveryKey> Held()
    {
        lock (_gate)
        {
            return [.. _lanes.Values.SelectMany(lane => lane).Select(d => new DeliveryKey(d.Message.ConversationId, d.Message.Sequence))];
        }
    }

    private async Task<Answer> TryAsync(ChannelConnector connector, OutboundMessage message, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            var transport = _transports[connector.Kind];
            var call = await transport.PrepareAsync(message, connector, timeout.Token);
            if (call.Request is null)
            {
                return call.Refusal is { } refusal ? new Answer(refusal, Permanent: true) : new Answer(Failure: null, call.OnSuccess);
            }

            using var request = call.Request;
            using var response = await _http.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return new Answer(Failure: null, call.OnSuccess);
            }

            var status = (int)response.StatusCode;
            var failure = $"HTTP {status} {response.ReasonPhrase}".TrimEnd()
                + (await transport.ExplainRefusalAsync(response, timeout.Token) is { } explanation ? ": " + explanation : string.Empty);
            return new Answer(failure, DeliveryOutcome.Failed, DeliverySchedule.IsPermanent(status), RetryAfter(response.Headers.RetryAfter));
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Also a connector whose secrets cannot be read just now: the retry reads them again.
            return new Answer(e.Message);
        }
    }

    /// <summary>Retry-After as seconds or as a date; a date in the past asks for no wait.</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {MessageId} through its {ConnectorKind} connector failed (attempt {Attempt}: {Failure}); retrying in {Backoff}")]
    private partial void LogRetrying(string messageId, ConnectorKind connectorKind, int attempt, string failure, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record delivery outcome {Outcome} of {MessageId}")]
    private partial void LogNotRecorded(Exception exception, string messageId, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up delivering {MessageId} through its {ConnectorKind} connector after {Attempt} attempts: {Failure}")]
    private partial void LogGaveUp(string messageId, ConnectorKind connectorKind, int attempt, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the claims on deliveries under way; another silo may send some again")]
    private partial void LogClaimsNotRenewed(Exception exception);

    /// <param name="WindowStart">When the retry window opened: when the message was logged, or when a supervisor retried it.</param>
    /// <param name="HandedOverIn">The span of the call that handed the message over: every attempt joins its trace.</param>
    private sealed record Delivery(ChannelConnector Connector, OutboundMessage Message, DateTimeOffset WindowStart, ActivityContext HandedOverIn);

    /// <param name="Failure">Null when the connector took the message.</param>
    /// <param name="Outcome">What the message now is: when it was taken, sent or delivered.</param>
    /// <param name="Permanent">Sending the same request again cannot help.</param>
    /// <param name="RetryAfter">How long the connector asked to wait, if it did.</param>
    private sealed record Answer(string? Failure, DeliveryOutcome Outcome = DeliveryOutcome.Failed, bool Permanent = false, TimeSpan? RetryAfter = null);
}
