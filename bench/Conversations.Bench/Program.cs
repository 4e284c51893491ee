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
var system = await ClosedLoopRun.RunAsync(options.Customers, options.Warmup, options.Duration, options.MaxMessages, load.SendAsync);
Console.WriteLine($"system    POST /api/connector/messages (202 = durably logged): {system.Describe()}");

Measurement baseline;
await using (var database = await PostgresBaseline.CreateAsync(postgres, runId, options.Customers, options.PayloadBytes))
{
    baseline = await ClosedLoopRun.RunAsync(options.Customers, options.Warmup, options.Duration, options.MaxMessages, database.InsertAsync);
}

Console.WriteLine($"baseline  PostgreSQL single-row INSERT transactions:       {baseline.Describe()}");
Console.WriteLine(
    FormattableString.Invariant($"ratio     system/baseline: throughput {system.PerSecond / baseline.PerSecond:F3}   ")
    + FormattableString.Invariant($"p50 {system.P50 / baseline.P50:F1}x   p95 {system.P95 / baseline.P95:F1}x   p99 {system.P99 / baseline.P99:F1}x"));
return system.Failed == 0 ? 0 : 1;
