using System.Net;
using System.Net.Http.Json;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.GatewayTests.Foundation;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

/// <summary>
/// Our metrics as a Prometheus server scrapes them from the silo. Each test works on a channel type and connector
/// of its own, so counters tagged with them start at zero whatever the other tests did.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class MetricsTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task InboundMessage_PostedTwiceAndGreeted_CountsMessageDuplicateDeliveryAndConversationState()
    {
        var type = "M" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var hook = "metrics-" + type;
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook), type, "PHONE");
        var connector = channel.ConnectorId;
        system.Connector.FailNext(hook, 1);
        var createdBefore = (await MetricsScrape.ReadAsync(system.SiloHttp)).Value("conversations_in_memory", ("state", "Created")) ?? 0;
        var message = new { serviceIdentifier = channel.Service, customerChannelIdentifier = "+49160" + Random.Shared.Next(1_000_000, 9_999_999), connectorMessageId = "m-1", text = "Where is my parcel?" };

        var first = await channel.Connector.PostAsJsonAsync("/api/connector/messages", message);
        var again = await channel.Connector.PostAsJsonAsync("/api/connector/messages", message);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        await Eventually.MatchesAsync(
            async () =>
            {
                var scrape = await MetricsScrape.ReadAsync(system.SiloHttp);
                return new MessageMetrics(
                    Received: scrape.Value("conversations_customer_messages_total", ("channel_type", type)),
                    Duplicates: scrape.Value("conversations_customer_messages_duplicates_total", ("channel_type", type)),
                    Delivered: scrape.Value("conversations_webhook_deliveries_total", ("connector", connector), ("outcome", "delivered")),
                    Failed: scrape.Value("conversations_webhook_deliveries_total", ("connector", connector), ("outcome", "failed")),
                    FailedPosts: scrape.Value("conversations_webhook_duration_seconds_count", ("connector", connector), ("result", "failure")),
                    SucceededPosts: scrape.Value("conversations_webhook_duration_seconds_count", ("connector", connector), ("result", "success")),
                    Created: scrape.Value("conversations_in_memory", ("state", "Created")));
            },
            m => m == new MessageMetrics(1, 1, 1, null, 1, 1, createdBefore + 1),
            "one message, one duplicate, the greeting delivered at the second POST, and one more conversation in Created");
    }

    [Fact]
    public async Task AgentTask_WaitsThenOfferedRejectedAndAccepted_ShowsQueueAndOfferOutcomes()
    {
        var type = "Q" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("metrics-queue"), type, "PHONE");
        var said = await channel.Connector.PostAsJsonAsync("/api/connector/messages", new
        {
            serviceIdentifier = channel.Service,
            customerChannelIdentifier = "+49161" + Random.Shared.Next(1_000_000, 9_999_999),
            connectorMessageId = Guid.NewGuid().ToString(),
            text = "I want an agent",
        });
        Assert.Equal(HttpStatusCode.Accepted, said.StatusCode);
        await QueueAsync(type, waiting: 1, "the task to wait, with no agent signed in");

        var alice = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        using var aliceDesk = await ReadyAgentAsync(alice, type);
        await SucceedAsync(aliceDesk.PostAsync($"/api/agents/{alice}/tasks/{await system.OfferedTaskAsync(alice)}/reject", null));
        await QueueAsync(type, waiting: 1, "the rejected task to wait again");
        var bob = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        using var bobDesk = await ReadyAgentAsync(bob, type);
        await SucceedAsync(bobDesk.PostAsync($"/api/agents/{bob}/tasks/{await system.OfferedTaskAsync(bob)}/accept", null));

        await Eventually.MatchesAsync(
            async () =>
            {
                var scrape = await MetricsScrape.ReadAsync(system.SiloHttp);
                return new OfferMetrics(
                    Offers: scrape.Value("conversations_offers_total", ("channel_type", type)),
                    Rejected: scrape.Value("conversations_offer_outcomes_total", ("channel_type", type), ("outcome", "rejected")),
                    Accepted: scrape.Value("conversations_offer_outcomes_total", ("channel_type", type), ("outcome", "accepted")),
                    TimedOut: scrape.Value("conversations_offer_outcomes_total", ("channel_type", type), ("outcome", "timed_out")),
                    Waiting: scrape.Value("conversations_tasks_waiting", ("queue", type), ("routing", "push")),
                    OldestWait: scrape.Value("conversations_tasks_oldest_wait_seconds", ("queue", type), ("routing", "push")));
            },
            m => m == new OfferMetrics(2, 1, 1, null, 0, 0),
            "two offers, one rejected and one accepted, and nothing left waiting");
    }

    /// <summary>Waits for the push queue of the type to hold that many tasks, the oldest waiting for some time.</summary>
    private async Task QueueAsync(string type, int waiting, string expectation) =>
        await Eventually.MatchesAsync(
            async () =>
            {
                var scrape = await MetricsScrape.ReadAsync(system.SiloHttp);
                return new QueueMetrics(
                    Waiting: scrape.Value("conversations_tasks_waiting", ("queue", type), ("routing", "push")),
                    OldestWait: scrape.Value("conversations_tasks_oldest_wait_seconds", ("queue", type), ("routing", "push")));
            },
            m => m.Waiting == waiting && m.OldestWait > 0,
            expectation);

    /// <summary>The desk's client of a new agent, signed in and ready.</summary>
    private async Task<HttpClient> ReadyAgentAsync(string agentId, string type)
    {
        var desk = await system.UserAsync(agentId, "agent");
        await SucceedAsync(desk.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = agentId, capacity = new Dictionary<string, int> { [type] = 1 } }));
        await SucceedAsync(desk.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "READY" }));
        return desk;
    }

    private sealed record MessageMetrics(double? Received, double? Duplicates, double? Delivered, double? Failed, double? FailedPosts, double? SucceededPosts, double? Created);

    private sealed record OfferMetrics(double? Offers, double? Rejected, double? Accepted, double? TimedOut, double? Waiting, double? OldestWait);

    private sealed record QueueMetrics(double? Waiting, double? OldestWait);
}
