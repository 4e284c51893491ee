using Conversations.Bench;
using Conversations.Testing;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var runId = Guid.NewGuid().ToString("N")[..8];
await using var selfHosted = options.SelfHost ? await SelfHostedSystem.StartAsync() : null;
var gatewayUrl = selfHosted?.Gateway ?? options.Gateway!;
var postgres = selfHosted?.Postgres ?? options.Postgres!;

await using var webhook = new LoopbackWebhook("bench");
await webhook.StartAsync();
using var gateway = await ApiAccess.SignInAsync(gatewayUrl, options.AdminUser, selfHosted?.AdminPassword ?? options.AdminPassword!, TimeSpan.FromSeconds(30));

Console.WriteLine(
    FormattableString.Invariant($"Conversations bench {runId}: {options.Customers} customers/clients, {options.Channels} channels, ")
    + FormattableString.Invariant($"{options.Duration.TotalSeconds:F0} s per phase (max {options.MaxMessages} operations), ")
    + FormattableString.Invariant($"{options.PayloadBytes} B payload, {options.Warmup.TotalSeconds:F0} s warm-up, ")
    + (options.SelfHost ? "self-hosted (1 silo + 1 gateway, production profile)" : $"gateway {gatewayUrl}"));

var channels = await BenchChannels.CreateAsync(gateway, runId, options.Channels, webhook.Url);
var load = new MessageLoad(channels, runId, options.PayloadBytes);
var commits = new CommitCounter(postgres);

async Task<(Measurement Run, double CommitsEach)> MeasureAsync(Func<int, long, Task<bool>> operation)
{
    var before = await commits.ReadAsync();
    var run = await ClosedLoopRun.RunAsync(options.Customers, options.Warmup, options.Duration, options.MaxMessages, operation);
    await Task.Delay(CommitCounter.Settle);
    // Warm-up traffic commits too: counted against every message sent, not only the measured ones.
    return (run, (await commits.ReadAsync() - before) / (double)Math.Max(1, run.Succeeded + run.Warmed));
}

var (system, commitsPerMessage) = await MeasureAsync(load.SendAsync);
Console.WriteLine($"system    POST /api/connector/messages (202 = durably logged): {system.Describe()}");

Measurement baseline;
await using (var database = await PostgresBaseline.CreateAsync(postgres, runId, options.Customers, options.PayloadBytes))
{
    baseline = await ClosedLoopRun.RunAsync(options.Customers, options.Warmup, options.Duration, options.MaxMessages, database.InsertAsync);
}

Console.WriteLine($"baseline  PostgreSQL single-row INSERT transactions:       {baseline.Describe()}");

var opening = new OpeningRate();
var (opened, commitsPerOpening) = await MeasureAsync(opening.Counting(load.OpenConversationAsync));
Console.WriteLine($"new       first messages of new customers (a conversation each): {opened.Describe()}");
var (lateOverEarly, window) = opening.LateOverEarly();

// A customer number no steady customer has.
const int longCustomer = int.MaxValue;
var (earlyMs, lateMs, longFailed) = await LongConversation.RunAsync(options.LongMessages, n => load.SendAsync(longCustomer, n));
Console.WriteLine(FormattableString.Invariant(
    $"long      one conversation, {options.LongMessages} messages one after the other: median {earlyMs:F2} ms (messages 10-59), {lateMs:F2} ms (last 50), {longFailed} failed"));

Console.WriteLine("targets (issue 13; ratios from this run):");
Target("steady ingest / PostgreSQL INSERT rate", system.PerSecond / baseline.PerSecond, ">=", 0.5);
Target("commits per message at load", commitsPerMessage, "<=", 1);
Target("commits per new conversation", commitsPerOpening, "<=", 3);
Target($"opening rate, last {window} / first {window}", lateOverEarly, ">=", 1 / 1.2);
Target($"message latency, message {options.LongMessages} / message 10", lateMs / earlyMs, "<=", 1.2);
Console.WriteLine("  not measured here: the development profile's ingest (run it with ./run.sh and --gateway), memory, stop time");
return system.Failed + opened.Failed + longFailed == 0 ? 0 : 1;

static void Target(string what, double value, string relation, double bound)
{
    var met = relation == ">=" ? value >= bound : value <= bound;
    Console.WriteLine(FormattableString.Invariant($"  {what,-48} {value,8:F3}  target {relation} {bound:F3}  {(met ? "met" : "NOT met")}"));
}
