using Conversations.ClusterTests.Hosting;
using Conversations.ClusterTests.Traffic;
using Conversations.Testing;
using Xunit.Abstractions;

namespace Conversations.ClusterTests;

/// <summary>
/// Deadlines through a crash or a restart: two production silos and a gateway as processes, one silo SIGKILLed while
/// sessions it held are about to expire or are closing. Every session must close on time (its deadline, or
/// once the dead silo is declared dead, plus <see cref="Tolerance"/>), every conversation must reach Closed with
/// exactly one report row carrying the true close time and cause, and nobody reads a conversation to make that
/// happen. A planned restart keeps deadlines to the same tolerance. Each case runs twice: a deadline that is only
/// sometimes on time is a bug.
/// </summary>
public sealed class DeadlineCrashTests(ITestOutputHelper output)
{
    private const int TimeoutSeconds = 10;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(TimeoutSeconds);
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    /// <summary>120 conversations closing at once on the one surviving silo of a 2-core machine: "within seconds".</summary>
    private static readonly TimeSpan MassClosingWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Crash_SilentSessionsExpireMeanwhile_CloseOnTimeAndLateMessagesStartAnew(int run)
    {
        await RunAsync(async (cluster, channel) =>
        {
            var customers = Customers(channel, "silent", 24);
            var first = await SendOnceEachAsync(customers);

            // The deadlines fall while the killed silo is not yet declared dead.
            await DelayUntilAsync(first.Min(a => a.FirstAttemptAt) + Timeout - TimeSpan.FromSeconds(3));
            var deadAt = await KillFirstSiloAsync(cluster);

            // A third of the customers write again just after their deadline, whatever timers did by then.
            var late = await Task.WhenAll(customers.Take(8).Zip(first).Select(async pair =>
            {
                await DelayUntilAsync(pair.Second.AcknowledgedAt + Timeout + TimeSpan.FromMilliseconds(300));
                return (First: pair.Second, Late: await pair.First.SendAsync("sorry, I was away"));
            }));

            var reports = await ReportsAsync(cluster, first);
            AssertClosedOnTime(first, reports, deadAt, run, Tolerance);
            Assert.All(late, pair =>
            {
                Assert.NotNull(pair.Late);
                Assert.NotEqual(pair.First.ConversationId, pair.Late.ConversationId);
                Assert.NotEqual(pair.First.ChannelSessionId, pair.Late.ChannelSessionId);
            });
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Crash_DuringMassClosing_EveryConversationClosedAndReportedOnceOnTime(int run)
    {
        await RunAsync(async (cluster, channel) =>
        {
            var first = await SendOnceEachAsync(Customers(channel, "mass", 120));

            // Killed while the first conversations are closing and the rest are about to.
            await DelayUntilAsync(first.Min(a => a.AcknowledgedAt) + Timeout + TimeSpan.FromMilliseconds(500));
            var deadAt = await KillFirstSiloAsync(cluster);

            AssertClosedOnTime(first, await ReportsAsync(cluster, first), deadAt, run, MassClosingWithin);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task PlannedRestart_DeadlinesMovedByMessagesBeforeIt_KeptToTheSecond(int run)
    {
        await RunAsync(async (cluster, channel) =>
        {
            var customers = Customers(channel, "restart", 24);
            await SendOnceEachAsync(customers);
            await Task.Delay(TimeSpan.FromSeconds(4));

            // The second message moves every deadline; then the silo holding half the sessions restarts.
            var second = await SendOnceEachAsync(customers);
            await Task.Delay(TimeSpan.FromSeconds(2));
            await cluster.RestartSiloAsync(0);

            var reports = await ReportsAsync(cluster, second);
            AssertClosedOnTime(second, reports, deadAt: DateTimeOffset.MinValue, run, Tolerance);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Crash_UnderLoad_EveryMessageAnsweredWithinFailureDetection(int run)
    {
        await RunAsync(async (cluster, channel) =>
        {
            var customers = Customers(channel, "load", 20);
            using var stop = new CancellationTokenSource();
            var traffic = customers.Select(c => c.RunAsync(stop.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(3));

            var killedAt = DateTimeOffset.UtcNow;
            var deadAt = await KillFirstSiloAsync(cluster);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            await Task.WhenAll(traffic);

            // A message caught on the dead silo waits at most the gateway's response timeout, tuned to failure
            // detection, and its retry goes to the survivor: nobody waits out Orleans' 30 s default.
            var acknowledged = customers.SelectMany(c => c.Acknowledged).ToList();
            var detection = deadAt - killedAt;
            var slowest = acknowledged.Max(a => a.AcknowledgedAt - a.FirstAttemptAt);
            var answeredMeanwhile = customers.Count(c => c.Acknowledged.Any(a => a.FirstAttemptAt > killedAt && a.AcknowledgedAt < deadAt));
            output.WriteLine($"run {run}: detection {detection.TotalSeconds:F1} s; slowest answer {slowest.TotalSeconds:F1} s; "
                + $"{answeredMeanwhile} of {customers.Count} customers answered while the dead silo was being detected");
            Assert.Empty(customers.SelectMany(c => c.Abandoned));
            var bound = Max(detection, ProductionCluster.GatewayResponseTimeout) + Tolerance;
            Assert.True(slowest <= bound, $"a message took {slowest.TotalSeconds:F1} s; detection took {detection.TotalSeconds:F1} s");
        });
    }

    private async Task RunAsync(Func<ProductionCluster, TrafficChannel, Task> scenario)
    {
        await using var webhook = new LoopbackWebhook("deadlines");
        await webhook.StartAsync();
        await using var cluster = await ProductionCluster.StartAsync(silos: 2);
        try
        {
            var channel = TestStores.UniqueName("deadline-");
            using var connector = await new ChannelSetup(cluster.Gateway).ChannelAsync(channel, "WEB", "WEB_VISITOR", TimeoutSeconds, webhook.Url);
            await scenario(cluster, new TrafficChannel(channel, connector));
        }
        catch
        {
            output.WriteLine(cluster.Output());
            throw;
        }
    }

    private static List<SimulatedCustomer> Customers(TrafficChannel channel, string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new SimulatedCustomer(channel.Connector, channel.ServiceIdentifier, $"{prefix}-visitor-{i}"))];

    private static async Task<List<Acknowledged>> SendOnceEachAsync(IEnumerable<SimulatedCustomer> customers)
    {
        var sent = await Task.WhenAll(customers.Select(c => c.SendAsync("hello")));
        Assert.All(sent, Assert.NotNull);
        return [.. sent.OfType<Acknowledged>()];
    }

    /// <summary>SIGKILLs the first silo and returns when the survivor saw it declared dead.</summary>
    private static async Task<DateTimeOffset> KillFirstSiloAsync(ProductionCluster cluster)
    {
        cluster.Silos[0].Kill();
        await EventuallyAsync(async () => await cluster.ActiveSiloCountAsync() == 1, () => "the killed silo was never declared dead");
        return DateTimeOffset.UtcNow;
    }

    /// <summary>Waits, reading the reporting table only, until every conversation has its row as Closed.</summary>
    private static async Task<Dictionary<string, Report>> ReportsAsync(ProductionCluster cluster, IReadOnlyList<Acknowledged> first)
    {
        var ids = first.Select(a => a.ConversationId).Distinct().ToArray();
        List<Report> reports = [];
        await EventuallyAsync(
            async () =>
            {
                reports = await cluster.Database.QueryAsync(
                    "SELECT id, state, closed_at, close_reason, archived_at FROM conversation WHERE id = ANY(@ids)",
                    r => new Report(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)),
                    ("ids", ids));
                return reports.Count == ids.Length && reports.All(r => r.State == "Closed");
            },
            () => $"{reports.Count(r => r.State == "Closed")} of {ids.Length} conversations closed and reported");
        return reports.ToDictionary(r => r.Id);
    }

    /// <summary>
    /// Each report says the conversation closed at its session's deadline (the true time, however late the silo
    /// that acted on it was), and the work was done, archive included, within <paramref name="finishedWithin"/> of
    /// the later of that deadline and the moment the dead silo was declared dead.
    /// </summary>
    private void AssertClosedOnTime(
        IReadOnlyList<Acknowledged> first, Dictionary<string, Report> reports, DateTimeOffset deadAt, int run, TimeSpan finishedWithin)
    {
        var wrong = new List<string>();
        var lateness = new List<double>();
        foreach (var message in first)
        {
            var report = reports[message.ConversationId];
            Assert.Equal("Inactivity", report.CloseReason);

            // The deadline lies between the first attempt and the answer, plus the timeout.
            var slack = TimeSpan.FromMilliseconds(50);
            if (report.ClosedAt < message.FirstAttemptAt + Timeout - slack || report.ClosedAt > message.AcknowledgedAt + Timeout + slack)
            {
                wrong.Add($"{message.ConversationId} reported closed at {report.ClosedAt:O}, not at its deadline");
            }

            var due = Max(message.AcknowledgedAt + Timeout, deadAt);
            lateness.Add((report.ArchivedAt - due).TotalSeconds);
            if (report.ArchivedAt > due + finishedWithin)
            {
                wrong.Add($"{message.ConversationId} finished {(report.ArchivedAt - due).TotalSeconds:F1} s after it was due");
            }
        }

        output.WriteLine($"run {run}: {first.Count} conversations; archived after max(deadline, silo declared dead): "
            + $"max {lateness.Max():F2} s, mean {lateness.Average():F2} s");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {first.Count}: {string.Join("; ", wrong.Take(5))}");
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task DelayUntilAsync(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> lastSeen)
    {
        var deadline = DateTimeOffset.UtcNow + SettleTimeout;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"gave up after {SettleTimeout.TotalSeconds} s: {lastSeen()}");
            await Task.Delay(250);
        }
    }

    private sealed record Report(string Id, string State, DateTimeOffset ClosedAt, string CloseReason, DateTimeOffset ArchivedAt);
}
