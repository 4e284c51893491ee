using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Conversations.Activities;
using Conversations.Connectors;
using Conversations.Security;
using Conversations.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Outbound;

/// <summary>
/// Delivers outbound messages to connector webhooks with exponential backoff. Grains never wait on
/// a connector: they append the message to the activity log and hand it over here. Every attempt is signed
/// anew (fresh timestamp, the connector's secrets as they are now) over the exact bytes it sends, and is a span in
/// the trace of the call that handed the message over. Logs name the webhook's host only: its path and query often
/// hold the connector's secret.
/// </summary>
public sealed partial class WebhookDelivery(
    IHttpClientFactory httpClients,
    IActivityLog activityLog,
    ConnectorSecrets connectorSecrets,
    IOptions<OutboundDeliveryOptions> options,
    ConversationsMetrics metrics,
    TimeProvider time,
    ILogger<WebhookDelivery> logger) : BackgroundService, IOutboundDispatcher
{
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = false });

    private readonly OutboundDeliveryOptions _options = options.Value;
    private readonly HttpClient _http = httpClients.CreateClient(nameof(WebhookDelivery));

    public void Dispatch(Uri webhook, OutboundMessage message) =>
        _queue.Writer.TryWrite(new Delivery(webhook, message, Attempt: 1, System.Diagnostics.Activity.Current?.Context ?? default));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, _options.Concurrency)).Select(_ => DeliverLoopAsync(stoppingToken)));

    private async Task DeliverLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(delivery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        var message = delivery.Message;
        using var span = ConversationsTracing.StartDelivery(delivery.HandedOverIn, message.MessageId, message.ConnectorId, delivery.Attempt);
        using var scope = logger.BeginConversationScope(message.ConversationId);
        var started = time.GetTimestamp();
        var failure = await TryPostAsync(delivery.Webhook, message, stoppingToken);
        metrics.WebhookAttempt(message.ConnectorId, time.GetElapsedTime(started), succeeded: failure is null);
        if (failure is null)
        {
            metrics.WebhookDelivered(message.ConnectorId, delivered: true);
            await RecordAsync(message, DeliveryOutcome.Delivered);
            return;
        }

        span?.SetStatus(ActivityStatusCode.Error, failure);
        if (delivery.Attempt >= _options.MaxAttempts)
        {
            LogGaveUp(message.MessageId, delivery.Webhook.Host, delivery.Attempt, failure);
            metrics.WebhookDelivered(message.ConnectorId, delivered: false);
            await RecordAsync(message, DeliveryOutcome.Failed);
            return;
        }

        var backoff = TimeSpan.FromTicks(Math.Min(_options.InitialBackoff.Ticks << Math.Min(delivery.Attempt - 1, 30), _options.MaxBackoff.Ticks));
        LogRetrying(message.MessageId, delivery.Webhook.Host, delivery.Attempt, failure, backoff);
        RetryLaterAsync(delivery with { Attempt = delivery.Attempt + 1 }, backoff, stoppingToken).Ignore();
    }

    /// <summary>
    /// Without an outcome the message counts as undelivered and is sent again later, so a failure to
    /// record one costs at most a duplicate the connector can recognise by its message id.
    /// </summary>
    private async Task RecordAsync(OutboundMessage message, DeliveryOutcome outcome)
    {
        try
        {
            await activityLog.RecordDeliveryAsync(message.ConversationId, message.Sequence, outcome);
        }
        catch (Exception e)
        {
            LogNotRecorded(e, message.MessageId, outcome);
        }
    }

    /// <summary>Waits outside the workers, so one unreachable connector does not hold up everyone else's messages.</summary>
    private async Task RetryLaterAsync(Delivery delivery, TimeSpan backoff, CancellationToken stoppingToken)
    {
        await Task.Delay(backoff, time, stoppingToken);
        _queue.Writer.TryWrite(delivery);
    }

    private async Task<string?> TryPostAsync(Uri webhook, OutboundMessage message, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = await SignedRequestAsync(webhook, message);
            using var response = await _http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Also a connector whose secrets cannot be read just now: the retry reads them again.
            return e.Message;
        }
    }

    /// <summary>One signature per secret good now, so a connector still holding the replaced key can check it too.</summary>
    private async Task<HttpRequestMessage> SignedRequestAsync(Uri webhook, OutboundMessage message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(ConnectorSignature.ConnectorHeader, message.ConnectorId);
        request.Headers.Add(ConnectorSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        if (await connectorSecrets.GoodNowAsync(message.ConnectorId) is { Count: > 0 } secrets)
        {
            request.Headers.Add(ConnectorSignature.SignatureHeader, ConnectorSignature.Header(secrets, timestamp, body));
        }

        return request;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {MessageId} to {WebhookHost} failed (attempt {Attempt}: {Failure}); retrying in {Backoff}")]
    private partial void LogRetrying(string messageId, string webhookHost, int attempt, string failure, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record delivery outcome {Outcome} of {MessageId}")]
    private partial void LogNotRecorded(Exception exception, string messageId, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up delivering {MessageId} to {WebhookHost} after {Attempt} attempts: {Failure}")]
    private partial void LogGaveUp(string messageId, string webhookHost, int attempt, string failure);

    /// <param name="HandedOverIn">The span of the call that handed the message over: every attempt joins its trace.</param>
    private sealed record Delivery(Uri Webhook, OutboundMessage Message, int Attempt, ActivityContext HandedOverIn);
}
