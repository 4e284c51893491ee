using System.Net;
using System.Net.Http.Json;
using Conversations.ChannelSessions;
using Conversations.ClusterTests.Hosting;
using Conversations.ClusterTests.Traffic;
using Conversations.Conversations;
using Conversations.Inbound;
using Xunit.Abstractions;
using Conversations.Testing;

namespace Conversations.ClusterTests;

/// <summary>
/// Two production-profile silos and a gateway as real processes; customers keep writing while one silo is
/// SIGKILLed. What was acknowledged must be durable exactly once, and the survivor must carry on: serve the
/// conversations, close them, and fire the inactivity timeouts the dead silo was watching.
/// </summary>
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private const string LongChannel = "crash-long";
    private const string ShortChannel = "crash-short";

    /// <summary>The smallest inactivity timeout a channel accepts; short enough to watch it fire after the crash.</summary>
    private const int ShortTimeoutSeconds = 10;

    private const int CustomersPerChannel = 10;
    private static readonly TimeSpan TrafficBeforeKill = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TrafficAfterKill = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Both production choices for grain state: Azure Table Storage, and PostgreSQL's group-committed store.</summary>
    [Theory]
    [InlineData("AzureTable")]
    [InlineData("Postgres")]
    public async Task Cluster_SiloKilledMidTraffic_EveryAcknowledgedMessageLoggedOnce(string grainState)
    {
        await using var webhook = new LoopbackWebhook("cluster");
        await webhook.StartAsync();
        await using var cluster = await ProductionCluster.StartAsync(silos: 2, grainState);
        try
        {
            await KillASiloMidTrafficAndCheckAsync(cluster, webhook.Url);
        }
        catch
        {
            output.WriteLine(cluster.Output());
            throw;
        }
    }

    private async Task KillASiloMidTrafficAndCheckAsync(ProductionCluster cluster, string webhookUrl)
    {
        var admin = new ChannelSetup(cluster.Gateway);
        using var longConnector = await admin.ChannelAsync(LongChannel, "WHATSAPP", "PHONE", 900, webhookUrl);
        using var shortConnector = await admin.ChannelAsync(ShortChannel, "WEB", "WEB_VISITOR", ShortTimeoutSeconds, webhookUrl);

        // The long channel's customers write throughout. On the short channel half keep writing and half go quiet
        // at the kill: only a reminder moved to the survivor can time out a quiet session the dead silo was holding.
        var writers = Enumerable.Range(0, CustomersPerChannel)
            .Select(i => new SimulatedCustomer(longConnector, LongChannel, $"+49151000{i:D4}"))
            .Concat(Enumerable.Range(0, CustomersPerChannel / 2).Select(i => new SimulatedCustomer(shortConnector, ShortChannel, $"visitor-writer-{i}")))
            .ToList();
        var quiet = Enumerable.Range(0, CustomersPerChannel / 2)
            .Select(i => new SimulatedCustomer(shortConnector, ShortChannel, $"visitor-quiet-{i}"))
            .ToList();

        using var stopWriters = new CancellationTokenSource();
        using var stopQuiet = new CancellationTokenSource();
        var traffic = writers.Select(c => c.RunAsync(stopWriters.Token)).Concat(quiet.Select(c => c.RunAsync(stopQuiet.Token))).ToList();

        await Task.Delay(TrafficBeforeKill);
        var killedAt = DateTimeOffset.UtcNow;
        cluster.Silos[0].Kill();
        await stopQuiet.CancelAsync();
        await Task.Delay(TrafficAfterKill);
        await stopWriters.CancelAsync();
        await Task.WhenAll(traffic);

        var everyone = writers.Concat(quiet).ToList();
        var acknowledged = everyone.SelectMany(c => c.Acknowledged).ToList();
        output.WriteLine($"{acknowledged.Count} messages acknowledged, {acknowledged.Count(a => a.Attempts > 1)} of them after retries, "
            + $"{acknowledged.Count(a => a.FirstAttemptAt > killedAt)} first sent after the kill.");
        Assert.Empty(everyone.SelectMany(c => c.Abandoned));
        Assert.Contains(acknowledged, a => a.FirstAttemptAt > killedAt);
        Assert.False(cluster.Silos[1].HasExited, "the surviving silo died too");
        await EventuallyAsync(async () => await cluster.ActiveSiloCountAsync() == 1, "the killed silo was never declared dead");

        await AssertLoggedExactlyOnceAsync(cluster.Database, acknowledged);

        var longConversations = await AssertOneOpenConversationEachAsync(cluster.Gateway, writers.Where(c => c.ServiceIdentifier == LongChannel));

        // Watched in the reporting table only: reading the conversations through the API would activate their
        // sessions and arm fresh timers, hiding whether the reminders took over from the dead silo.
        var shortConversations = everyone.Where(c => c.ServiceIdentifier == ShortChannel)
            .SelectMany(c => c.Acknowledged).Select(a => a.ConversationId).Distinct().ToList();
        await EventuallyAsync(async () => await ArchivedCountAsync(cluster.Database, shortConversations) == shortConversations.Count,
            "not every short-channel conversation was closed by its inactivity timeout");
        foreach (var id in shortConversations)
        {
            var conversation = await GetConversationAsync(cluster.Gateway, id);
            Assert.Equal(ConversationStatus.Closed, conversation.State);
            Assert.All(conversation.ChannelSessions, s => Assert.Equal(SessionCloseReason.Inactivity, s.CloseReason));
        }

        foreach (var customer in writers.Where(c => c.ServiceIdentifier == LongChannel))
        {
            using var left = await longConnector.PostAsJsonAsync("/api/connector/events",
                new { serviceIdentifier = LongChannel, customerChannelIdentifier = customer.CustomerChannelIdentifier, type = "CUSTOMER_LEFT" });
            Assert.Equal(HttpStatusCode.Accepted, left.StatusCode);
            Assert.True((await left.Content.ReadFromJsonAsync<ConnectorEventHandled>(ApiJson.Options))!.Closed);
        }

        foreach (var id in longConversations)
        {
            Assert.Equal(ConversationStatus.Closed, (await GetConversationAsync(cluster.Gateway, id)).State);
        }

        await AssertArchivedOnceWithEveryMessageAsync(cluster.Database, acknowledged);
    }

    private static async Task AssertLoggedExactlyOnceAsync(ClusterDatabase database, IReadOnlyList<Acknowledged> acknowledged)
    {
        var logged = (await database.QueryAsync(
                """
                SELECT service_identifier, connector_message_id, count(*)
                FROM activity
                WHERE kind = 'CustomerMessage' AND service_identifier = ANY(@services)
                GROUP BY service_identifier, connector_message_id
                """,
                r => (Key: (r.GetString(0), r.GetString(1)), Count: r.GetInt64(2)),
                ("services", new[] { LongChannel, ShortChannel })))
            .ToDictionary(r => r.Key, r => r.Count);

        var notOnce = acknowledged
            .Select(a => (a.ServiceIdentifier, a.ConnectorMessageId, Count: logged.GetValueOrDefault((a.ServiceIdentifier, a.ConnectorMessageId))))
            .Where(m => m.Count != 1)
            .Select(m => $"{m.ServiceIdentifier}/{m.ConnectorMessageId} logged {m.Count} times")
            .ToList();
        Assert.Empty(notOnce);
    }

    /// <summary>Each long-channel customer kept one conversation across the crash, and the survivor serves it: CREATED, session open.</summary>
    private static async Task<List<string>> AssertOneOpenConversationEachAsync(HttpClient gateway, IEnumerable<SimulatedCustomer> customers)
    {
        var ids = new List<string>();
        foreach (var customer in customers)
        {
            var id = Assert.Single(customer.Acknowledged.Select(a => a.ConversationId).Distinct());
            var conversation = await GetConversationAsync(gateway, id);
            Assert.Equal(ConversationStatus.Created, conversation.State);
            var session = Assert.Single(conversation.ChannelSessions);
            Assert.Equal(ChannelSessionStatus.Open, session.Status);
            Assert.Equal(customer.CustomerChannelIdentifier, session.CustomerChannelIdentifier);
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Every conversation has its one reporting row, counting exactly the messages that were acknowledged in it.</summary>
    private static async Task AssertArchivedOnceWithEveryMessageAsync(ClusterDatabase database, IReadOnlyList<Acknowledged> acknowledged)
    {
        var expected = acknowledged.GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        var archived = await database.QueryAsync(
            "SELECT id, customer_message_count FROM conversation WHERE id = ANY(@ids)",
            r => (Id: r.GetString(0), Messages: r.GetInt32(1)),
            ("ids", expected.Keys.ToArray()));

        Assert.Equal(expected.Keys.Order(), archived.Select(a => a.Id).Order());
        Assert.All(archived, a => Assert.Equal(expected[a.Id], a.Messages));
    }

    private static Task<long> ArchivedCountAsync(ClusterDatabase database, IReadOnlyList<string> conversationIds) =>
        database.ScalarAsync<long>("SELECT count(*) FROM conversation WHERE id = ANY(@ids)", ("ids", conversationIds.ToArray()));

    private static async Task<ConversationView> GetConversationAsync(HttpClient gateway, string id) =>
        (await gateway.GetFromJsonAsync<ConversationView>($"/api/conversations/{id}", ApiJson.Options))!;

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTimeOffset.UtcNow + SettleTimeout;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, failure);
            await Task.Delay(250);
        }
    }
}
