using System.Net;
using System.Net.Http.Json;
using Conversations.Inbound;

namespace Conversations.ClusterTests.Traffic;

/// <summary>
/// One customer writing on one channel through its connector: a message with a fresh connector message id
/// every <see cref="Pace"/>, each retried with the SAME id, as a real connector redelivers, until the gateway
/// answers 202 or <see cref="RetryWindow"/> has passed. Bounded by <see cref="MaxMessages"/> and by the caller's stop token.
/// </summary>
/// <param name="connector">A client calling as the channel's connector.</param>
public sealed class SimulatedCustomer(HttpClient connector, string serviceIdentifier, string customerChannelIdentifier)
{
    public const int MaxMessages = 200;
    public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    private readonly List<Acknowledged> _acknowledged = [];
    private readonly List<string> _abandoned = [];

    public string ServiceIdentifier => serviceIdentifier;

    public string CustomerChannelIdentifier => customerChannelIdentifier;

    public IReadOnlyList<Acknowledged> Acknowledged => _acknowledged;

    /// <summary>Messages that never got a 202 within the retry window, with the last error seen.</summary>
    public IReadOnlyList<string> Abandoned => _abandoned;

    /// <summary>Sends until <paramref name="stop"/> is cancelled; a message already started is still retried to the end.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 1; n <= MaxMessages && !stop.IsCancellationRequested; n++)
        {
            await SendAsync($"message {n} from {customerChannelIdentifier}");
            try
            {
                await Task.Delay(Pace, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One message, retried with the same id until it is accepted; null when it never was.</summary>
    public async Task<Acknowledged?> SendAsync(string text)
    {
        var connectorMessageId = $"{customerChannelIdentifier}-m{_acknowledged.Count + _abandoned.Count + 1}";
        var firstAttempt = DateTimeOffset.UtcNow;
        var deadline = firstAttempt + RetryWindow;
        var body = new { serviceIdentifier, customerChannelIdentifier, connectorMessageId, text };
        var lastError = string.Empty;
        for (var attempt = 1; DateTimeOffset.UtcNow < deadline; attempt++)
        {
            try
            {
                using var response = await connector.PostAsJsonAsync("/api/connector/messages", body);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var accepted = (await response.Content.ReadFromJsonAsync<InboundAccepted>(ApiJson.Options))!;
                    var acknowledged = new Acknowledged(
                        serviceIdentifier, connectorMessageId, accepted.ConversationId, accepted.ChannelSessionId, firstAttempt, DateTimeOffset.UtcNow, attempt);
                    _acknowledged.Add(acknowledged);
                    return acknowledged;
                }

                lastError = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                lastError = e.Message;
            }
            catch (TaskCanceledException e)
            {
                // HttpClient's own per-request timeout: the silo behind the call may have just died.
                lastError = e.Message;
            }

            await Task.Delay(RetryPause);
        }

        _abandoned.Add($"{serviceIdentifier}/{connectorMessageId}: {lastError}");
        return null;
    }
}
