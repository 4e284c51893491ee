using System.Net;
using System.Net.Http.Json;
using Conversations.Activities;
using Conversations.GatewayTests.Foundation;
using Conversations.Inbound;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

/// <summary>Deliveries to a connector that is down, refuses a message or asks to slow down (the silo retries every 50 to 200 ms here).</summary>
[Collection(SystemCollection.Name)]
public sealed class DeliveryTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Delivery_ReceiverDownForMoreAttemptsThanTheOldLimit_DeliversEveryMessageInOrderWhenItIsBack()
    {
        var (hook, channel) = await ChannelAsync();
        system.Connector.Refuse(hook, 503);
        var phone = NewPhone();
        var accepted = await PostAsync(channel, phone, "Hello");
        await PostAsync(channel, phone, "I want an agent");

        // The old schedule gave up after 6 attempts; the hand-over text waits behind the greeting all along.
        var refused = await Eventually.MatchesAsync(() => Task.FromResult(system.Connector.To(hook)), r => r.Count >= 12, "a dozen refused attempts");
        Assert.Single(refused.Select(MessageId).Distinct());
        system.Connector.Restore(hook);

        var page = await Eventually.MatchesAsync(
            () => ActivitiesAsync(accepted.ConversationId),
            p => p.Items.Count(a => a.Delivery == DeliveryOutcome.Delivered) == 2,
            "both bot messages to be delivered");
        var bot = page.Items.Where(a => a.Kind == ActivityKind.BotMessage).Select(a => $"{a.ConversationId}:{a.Sequence}").ToList();
        var received = system.Connector.To(hook).ToList();
        Assert.Equal(bot, received.Where(r => r.AnsweredStatus == 200).Select(MessageId));
        Assert.True(received.FindLastIndex(r => MessageId(r) == bot[0]) < received.FindIndex(r => MessageId(r) == bot[1]), "the hand-over text overtook the greeting");
    }

    [Fact]
    public async Task Delivery_ClientErrorFromTheConnector_FailsAtOnceWithTheReasonAndIsDeliveredWhenASupervisorRetriesIt()
    {
        var (hook, channel) = await ChannelAsync();
        system.Connector.Refuse(hook, 404, times: 1);
        var accepted = await PostAsync(channel, NewPhone(), "Hello");

        var failed = await Eventually.MatchesAsync(
            () => FailedAsync(accepted.ConversationId),
            f => f.Count == 1,
            "the greeting to be listed as failed");
        var greeting = failed[0];
        Assert.Equal((DeliveryOutcome.Failed, "HTTP 404 Not Found"), (greeting.Delivery, greeting.DeliveryFailure));
        Assert.Single(system.Connector.To(hook));

        var retried = await system.Http.PostAsync($"/api/deliveries/{greeting.ConversationId}/{greeting.Sequence}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var page = await Eventually.MatchesAsync(
            () => ActivitiesAsync(accepted.ConversationId),
            p => p.Items.Any(a => a.Delivery == DeliveryOutcome.Delivered),
            "the retried greeting to be delivered");
        Assert.Null(Assert.Single(page.Items, a => a.Kind == ActivityKind.BotMessage).DeliveryFailure);
        Assert.Equal([404, 200], system.Connector.To(hook).Select(r => r.AnsweredStatus));
        Assert.Empty(await FailedAsync(accepted.ConversationId));
        var again = await system.Http.PostAsync($"/api/deliveries/{greeting.ConversationId}/{greeting.Sequence}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Delivery_TooManyRequestsWithRetryAfter_WaitsAsLongAsTheConnectorAsked()
    {
        var (hook, channel) = await ChannelAsync();
        system.Connector.Refuse(hook, 429, times: 1, retryAfter: TimeSpan.FromSeconds(1));

        await PostAsync(channel, NewPhone(), "Hello");

        var received = await Eventually.MatchesAsync(
            () => Task.FromResult(system.Connector.To(hook)),
            r => r.Any(x => x.AnsweredStatus == 200),
            "the greeting to be delivered after the wait");
        Assert.Equal([429, 200], received.Select(r => r.AnsweredStatus));
        // The fixture's own backoff is at most 0.2 s; a timer may fire a millisecond early against the wall clock.
        Assert.True(received[1].At - received[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {received[1].At - received[0].At}");
    }

    private async Task<(string Hook, ConnectorChannel Channel)> ChannelAsync()
    {
        var hook = "delivery-" + Guid.NewGuid().ToString("N")[..8];
        return (hook, await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook)));
    }

    private async Task<InboundAccepted> PostAsync(ConnectorChannel channel, string phone, string text)
    {
        var posted = await channel.Connector.PostAsJsonAsync("/api/connector/messages", new
        {
            serviceIdentifier = channel.Service,
            customerChannelIdentifier = phone,
            connectorMessageId = "wamid." + Guid.NewGuid().ToString("N"),
            text,
        });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        return await system.ReadAsync<InboundAccepted>(posted);
    }

    private async Task<ActivityPage> ActivitiesAsync(string conversationId) =>
        (await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversationId}/activities?after=0&limit=100", SystemFixture.Json))!;

    private async Task<List<Activity>> FailedAsync(string conversationId) =>
        [.. (await system.Http.GetFromJsonAsync<List<Activity>>("/api/deliveries/failed?limit=500", SystemFixture.Json))!.Where(a => a.ConversationId == conversationId)];

    private static string NewPhone() => "+49151" + Random.Shared.Next(1_000_000, 9_999_999);

    private static string? MessageId(WebhookReceiver.Received received) => received.Body.GetProperty("messageId").GetString();
}
