using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Outbound;

/// <summary>
/// Delivers outbound messages to connector webhooks with exponential backoff. Grains never wait on
/// a connector: they append the message to the activity log and hand it over here.
/// </summary>
public sealed partial class WebhookDelivery(
    IHttpClientFactory httpClients,
    IOptions<OutboundDeliveryOptions> options,
    TimeProvider time,
    ILogger<WebhookDelivery> logger) : BackgroundService, IOutboundDispatcher
{
    private readonly Channel<(Uri Webhook, OutboundMessage Message)> _queue =
        Channel.CreateUnbounded<(Uri, OutboundMessage)>(new UnboundedChannelOptions { SingleReader = false });

    private readonly OutboundDeliveryOptions _options = options.Value;
    private readonly HttpClient _http = httpClients.CreateClient(nameof(WebhookDelivery));

    public void Dispatch(Uri webhook, OutboundMessage message) => _queue.Writer.TryWrite((webhook, message));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, _options.Concurrency)).Select(_ => DeliverLoopAsync(stoppingToken)));

    private async Task DeliverLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (webhook, message) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(webhook, message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(Uri webhook, OutboundMessage message, CancellationToken stoppingToken)
    {
        var backoff = _options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryPostAsync(webhook, message, stoppingToken);
            if (failure is null)
            {
                return;
            }

            if (attempt >= _options.MaxAttempts)
            {
                LogGaveUp(message.MessageId, webhook, attempt, failure);
                return;
            }

            LogRetrying(message.MessageId, webhook, attempt, failure, backoff);
            await Task.Delay(backoff, time, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private async Task<string?> TryPostAsync(Uri webhook, OutboundMessage message, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.PostAsJsonAsync(webhook, message, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            return e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {MessageId} to {Webhook} failed (attempt {Attempt}: {Failure}); retrying in {Backoff}")]
    private partial void LogRetrying(string messageId, Uri webhook, int attempt, string failure, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up delivering {MessageId} to {Webhook} after {Attempt} attempts: {Failure}")]
    private partial void LogGaveUp(string messageId, Uri webhook, int attempt, string failure);
}
