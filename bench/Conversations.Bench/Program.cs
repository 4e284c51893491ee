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
await using var webhook = new LoopbackWebhook("bench");
await webhook.StartAsync();

Console.WriteLine(
    FormattableString.Invariant($"Conversations bench {runId}: {options.Customers} customers, {options.BaselineClients} baseline clients, {options.Channels} channels, ")
    + FormattableString.Invariant($"{options.Duration.TotalSeconds:F0} s per phase (max {options.MaxMessages} operations), ")
    + FormattableString.Invariant($"{options.PayloadBytes} B payload, {options.Warmup.TotalSeconds:F0} s warm-up, ")
    + (options.SelfHost
        ? $"self-hosted (1 silo + 1 gateway, production profile, grain state {options.GrainState}, PostgreSQL fsync {(options.Fsync ? "on" : "off")}{(options.Tracing ? ", traces recorded" : string.Empty)})"
        : $"gateway {options.Gateway}"));

Measurement system, halfRate, baseline, opened;
double commitsPerMessage, commitsPerOpening, lateOverEarly, earlyMs, lateMs;
int window, failed;
(int Conversations, long Bytes, bool Measured, TimeSpan Stop, int? Misplaced)? footprint = null;

// Customers who open a conversation before the memory phase and write again after it.
const int ReturningCustomers = 200;
await using (var selfHosted = options.SelfHost ? await SelfHostedSystem.StartProductionAsync(options) : null)
{
    var postgres = selfHosted?.Postgres ?? options.Postgres!;
    var load = await ConnectAsync(selfHosted?.Gateway ?? options.Gateway!, selfHosted?.AdminPassword ?? options.AdminPassword!, "production");
    var commits = new CommitCounter(postgres);
    var statements = new StatementProfile(postgres);

    // Warm-up traffic commits too: commits and statements are counted against every message sent, not only the measured ones.
    async Task<(Measurement Run, double CommitsEach)> MeasureAsync(string name, string what, Func<int, long, Task<bool>> operation)
    {
        await statements.ResetAsync();
        var before = await commits.ReadAsync();
        var run = await MeasureCpuAsync(name, what, selfHosted?.Cpu, operation);
        await Task.Delay(CommitCounter.Settle);
        var sent = run.Succeeded + run.Warmed;
        var commitsEach = (await commits.ReadAsync() - before) / (double)Math.Max(1, sent);
        Console.WriteLine(FormattableString.Invariant($"          {commitsEach:F2} commits each; the statements each ran (pg_stat_statements):"));
        foreach (var line in await statements.TopAsync(sent))
        {
            Console.WriteLine("            " + line);
        }

        return (run, commitsEach);
    }

    (system, commitsPerMessage) = await MeasureAsync("system", "POST /api/connector/messages (202 = durably logged)", load.Send("steady"));
    // Only a PostgreSQL that pays its fsyncs waits for its disk.
    using (var disk = options.Fsync && selfHosted?.StoresDirectory is { } stores ? DiskProbe.Start(stores) : null)
    {
        halfRate = await PacedRun.RunAsync(options.Customers, system.PerSecond / 2, options.Duration, options.MaxMessages, load.Send("paced"));
        Console.WriteLine(FormattableString.Invariant($"paced     the same at half that rate, {system.PerSecond / 2:F0}/s on a schedule (open loop): {halfRate.Describe()}"));
        Console.WriteLine($"          tail: {halfRate.Tail!.Describe()}");
        if (disk is not null)
        {
            var syncs = disk.Stop();
            Console.WriteLine($"          disk: {(disk.Failure is { } failure ? "the probe failed: " + failure : halfRate.Tail.DescribeDisk(syncs))}");
        }
    }

    await using (var database = await PostgresBaseline.CreateAsync(postgres, runId, options.BaselineClients, options.PayloadBytes))
    {
        baseline = await MeasureCpuAsync(
            "baseline", $"PostgreSQL single-row INSERT transactions, {options.BaselineClients} clients", selfHosted?.Cpu, database.InsertAsync, options.BaselineClients);
    }

    var opening = new OpeningRate();
    (opened, commitsPerOpening) = await MeasureAsync("new", "first messages of new customers (a conversation each)", opening.Counting(load.OpenConversations("new")));
    (lateOverEarly, window) = opening.LateOverEarly();

    // A customer number no steady customer has.
    const int longCustomer = int.MaxValue;
    int longFailed;
    (earlyMs, lateMs, longFailed) = await LongConversation.RunAsync(options.LongMessages, n => load.Send("long")(longCustomer, n));
    Console.WriteLine(FormattableString.Invariant(
        $"long      one conversation, {options.LongMessages} messages one after the other: median {earlyMs:F2} ms (messages 10-59), {lateMs:F2} ms (last 50), {longFailed} failed"));
    failed = system.Failed + halfRate.Failed + opened.Failed + longFailed;

    if (selfHosted is not null && options.MemoryConversations > 0)
    {
        var returning = await Reactivation.OpenAsync(load, ReturningCustomers);
        var before = SiloFootprint.ResidentBytes(selfHosted.Silo);
        var filled = await ClosedLoopRun.RunAsync(options.Customers, TimeSpan.Zero, TimeSpan.FromHours(1), options.MemoryConversations, load.OpenConversations("memory"));
        var after = SiloFootprint.ResidentBytes(selfHosted.Silo);
        var peak = SiloFootprint.PeakResidentBytes(selfHosted.Silo);
        var inMemory = await SiloFootprint.ConversationsInMemoryAsync(selfHosted.SiloHttp);
        var opens = opened.Succeeded + opened.Warmed + filled.Succeeded + options.Customers + returning.Count(id => id is not null) + 1;

        // What the silo holds besides conversations (runtime, caches) plus what each further conversation adds.
        var eachBytes = (after - before) / (double)Math.Max(1, filled.Succeeded);
        failed += filled.Failed;
        Console.WriteLine(FormattableString.Invariant(
            $"memory    {filled.Succeeded} more conversations ({filled.PerSecond:F0}/s), {opens} open{(options.MemoryLimitMiB is { } limit ? $" (silo as in a {limit} MiB container)" : string.Empty)}: silo RSS {before / 1048576.0:F0} -> {after / 1048576.0:F0} MiB, {eachBytes / 1024:F1} KiB each; peak {peak / 1048576.0:F0} MiB; conversations in memory {inMemory}"));
        var (same, other, lost) = await Reactivation.WriteAgainAsync(load, returning);
        failed += lost;
        Console.WriteLine(FormattableString.Invariant(
            $"return    {returning.Length} customers who opened conversations before that write again: {same} in the conversation they opened, {other} in another, {lost} failed"));
        if (options.IdleAfter is { } idle)
        {
            // The steady customers go on writing, slowly, while the rest fall idle: the silo keeps collecting garbage.
            var active = await SiloFootprint.ConversationsInMemoryAsync(selfHosted.SiloHttp);
            var trickle = await PacedRun.RunAsync(options.Customers, 20, idle * 2 + TimeSpan.FromSeconds(10), int.MaxValue, load.Send("trickle"));
            failed += trickle.Failed;
            Console.WriteLine(FormattableString.Invariant(
                $"idle      {trickle.Elapsed.TotalSeconds:F0} s of 20 messages/s from the steady customers only: conversations in memory {active} -> {await SiloFootprint.ConversationsInMemoryAsync(selfHosted.SiloHttp)}, silo RSS {after / 1048576.0:F0} -> {SiloFootprint.ResidentBytes(selfHosted.Silo) / 1048576.0:F0} MiB"));
        }

        var stop = await SiloFootprint.TimeGracefulStopAsync(selfHosted.Silo);
        // Measured when it is: at 100,000 conversations, or when shedding bounds memory so growth says nothing of more.
        var measured = opens >= 100_000 || options.MemoryLimitMiB is not null;
        // Grains leave in the order they fell idle: once no more conversations are in memory than this phase opened,
        // all older ones have left, the returning customers' among them.
        var returnedFromStore = inMemory <= filled.Succeeded;
        footprint = (opens, measured ? peak : after + (long)(eachBytes * Math.Max(0, 100_000 - opens)), measured, stop, returnedFromStore ? other : null);
        Console.WriteLine(FormattableString.Invariant($"stop      graceful stop of the silo (SIGTERM): {stop.TotalSeconds:F1} s"));
    }
}

(Measurement Steady, Measurement Opened)? development = null;
if (options.Development)
{
    await using var selfHosted = await SelfHostedSystem.StartDevelopmentAsync(options);
    var load = await ConnectAsync(selfHosted.Gateway, selfHosted.AdminPassword, "development");
    var steady = await MeasureCpuAsync("dev", "POST /api/connector/messages (development profile, in memory)", selfHosted.Cpu, load.Send("steady"));
    var newOnes = await MeasureCpuAsync("dev new", "first messages of new customers (development profile)", selfHosted.Cpu, load.OpenConversations("new"));
    development = (steady, newOnes);
    failed += steady.Failed + newOnes.Failed;
}

Console.WriteLine("targets (issue 13; ratios from this run):");
Target("steady ingest / PostgreSQL INSERT rate", system.PerSecond / baseline.PerSecond, ">=", 0.5);
Target("p99 at half the steady rate (ms)", halfRate.P99, "<=", 25);
if (development is { } dev)
{
    Target("steady ingest / development profile's", system.PerSecond / dev.Steady.PerSecond, ">=", 0.5);
    Target("new conversations / development profile's", opened.PerSecond / dev.Opened.PerSecond, ">=", 0.5);
}

Target("commits per message at load", commitsPerMessage, "<=", 1);
Target("commits per new conversation", commitsPerOpening, "<=", 3);
Target($"opening rate, last {window} / first {window}", lateOverEarly, ">=", 1 / 1.2);
Target($"message latency, message {options.LongMessages} / message 10", lateMs / earlyMs, "<=", 1.2);
if (footprint is { } f)
{
    Target(
        f.Measured ? $"silo peak RSS with {f.Conversations} conversations opened (GiB)" : $"silo RSS at 100,000 conversations (GiB, extrapolated from {f.Conversations})",
        f.Bytes / (double)(1 << 30),
        "<=",
        1);
    if (f.Misplaced is { } misplaced)
    {
        Target($"returning customers in another conversation than theirs ({ReturningCustomers} wrote again)", misplaced, "<=", 0);
    }
    Target($"graceful stop with {f.Conversations} conversations (s)", f.Stop.TotalSeconds, "<=", 30);
}

// The machine is shared: a rate moves with whatever else runs, the CPU an operation costs much less. Bound by the
// same two cores, a rate goes as one over the CPU each operation takes.
string[] byCpu =
[
    .. CpuRatio("steady ingest / PostgreSQL INSERT", system, baseline),
    .. development is { } d ? CpuRatio("steady ingest / development", system, d.Steady).Concat(CpuRatio("new conversations / development", opened, d.Opened)) : [],
];
if (byCpu.Length > 0)
{
    Console.WriteLine("  the same ratios by CPU per operation (all processes): " + string.Join("; ", byCpu));
}

string[] notMeasured = [.. development is null ? ["the development profile (--development)"] : Array.Empty<string>(),
    .. footprint is null ? ["memory and stop time (--memory N)"] : Array.Empty<string>(),
    .. footprint is { Misplaced: null } ? ["returning customers (fewer conversations left memory than returned)"] : Array.Empty<string>()];
if (notMeasured.Length > 0)
{
    Console.WriteLine("  not measured here: " + string.Join("; ", notMeasured));
}

return failed == 0 ? 0 : 1;

// The CPU each measured operation cost each process (warm-up excluded: read when measuring starts).
async Task<Measurement> MeasureCpuAsync(string name, string what, ProcessCpu? cpu, Func<int, long, Task<bool>> operation, int? clients = null)
{
    IReadOnlyDictionary<string, double>? atStart = null;
    var started = 0;
    var run = await ClosedLoopRun.RunAsync(clients ?? options.Customers, options.Warmup, options.Duration, options.MaxMessages, operation, () =>
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            atStart = cpu?.ReadMilliseconds();
        }
    });
    Console.WriteLine($"{name,-9} {what}: {run.Describe()}");
    if (cpu is not null && atStart is not null)
    {
        var atEnd = cpu.ReadMilliseconds();
        Console.WriteLine($"          CPU ms each: {ProcessCpu.Describe(atStart, atEnd, run.Succeeded + run.Failed)}");
        return run with { CpuMsEach = ProcessCpu.TotalEach(atStart, atEnd, run.Succeeded + run.Failed) };
    }

    return run;
}

async Task<MessageLoad> ConnectAsync(Uri gatewayUrl, string adminPassword, string profile)
{
    using var gateway = await ApiAccess.SignInAsync(gatewayUrl, options.AdminUser, adminPassword, TimeSpan.FromSeconds(30));
    var channels = await BenchChannels.CreateAsync(gateway, $"{runId}{profile[0]}", options.Channels, webhook.Url);
    return new MessageLoad(channels, runId, options.PayloadBytes);
}

static IEnumerable<string> CpuRatio(string what, Measurement system, Measurement reference) =>
    system.CpuMsEach is > 0 and var ms && reference.CpuMsEach is { } referenceMs
        ? [FormattableString.Invariant($"{what} {referenceMs / ms:F3} ({referenceMs:F2} / {ms:F2} ms)")]
        : [];

static void Target(string what, double value, string relation, double bound)
{
    var met = relation == ">=" ? value >= bound : value <= bound;
    Console.WriteLine(FormattableString.Invariant($"  {what,-52} {value,8:F3}  target {relation} {bound:F3}  {(met ? "met" : "NOT met")}"));
}
