using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using Conversations.Testing;

namespace Conversations.Bench;

/// <summary>
/// What --self-host runs: one silo and one gateway as processes on loopback ports, in the production profile on
/// throwaway PostgreSQL and Azurite from tests/stores/start-stores.sh (a fresh database), or in the development
/// profile (in memory, nothing else). Disposal stops all of it again.
/// </summary>
public sealed partial class SelfHostedSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<HostProcess> _processes = [];
    private string? _storesDirectory;

    public Uri Gateway { get; private set; } = null!;

    /// <summary>The silo's own HTTP port: health, /metrics, the dashboard.</summary>
    public Uri SiloHttp { get; private set; } = null!;

    /// <summary>The production system's database; empty for the development profile.</summary>
    public string Postgres { get; private set; } = string.Empty;

    public HostProcess Silo => _processes[0];

    /// <summary>The throwaway stores' directory, on the file system that holds PostgreSQL's data (production only).</summary>
    public string? StoresDirectory => _storesDirectory;

    /// <summary>CPU time of the silo, the gateway, the stores (this run's PostgreSQL server and Azurite) and the bench itself.</summary>
    public ProcessCpu Cpu => new(new Dictionary<string, Func<IEnumerable<int>>>
    {
        ["silo"] = () => [_processes[0].ProcessId],
        ["gateway"] = () => [_processes[1].ProcessId],
        ["postgres"] = () => _storesDirectory is null ? [] : ProcessCpu.Tree(StorePid("postgres.pid")),
        ["azurite"] = () => _storesDirectory is null ? [] : ProcessCpu.Tree(StorePid("azurite.pid")),
        ["bench"] = () => [Environment.ProcessId],
    });

    private int StorePid(string file) => int.Parse(File.ReadAllText(Path.Combine(_storesDirectory!, file)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The bootstrap admin's password, made for the run.</summary>
    public string AdminPassword { get; } = ApiAccess.NewPassword();

    public static Task<SelfHostedSystem> StartProductionAsync(BenchOptions options) =>
        StartAsync(system => system.StartProductionCoreAsync(options));

    public static Task<SelfHostedSystem> StartDevelopmentAsync(BenchOptions options) =>
        StartAsync(system => system.StartHostsAsync("development", options, new Dictionary<string, string>(), new Dictionary<string, string>()));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        if (_storesDirectory is not null)
        {
            await RunAsync(Path.Combine(HostAssemblies.RepositoryRoot, "tests", "stores", "stop-stores.sh"), new Dictionary<string, string>(), _storesDirectory);
        }
    }

    private static async Task<SelfHostedSystem> StartAsync(Func<SelfHostedSystem, Task> start)
    {
        var system = new SelfHostedSystem();
        try
        {
            await start(system);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private async Task StartProductionCoreAsync(BenchOptions options)
    {
        Console.Error.WriteLine($"bench: starting PostgreSQL (fsync {(options.Fsync ? "on" : "off")}) and Azurite (tests/stores/start-stores.sh)");
        var exports = ParseExports(await RunAsync(
            Path.Combine(HostAssemblies.RepositoryRoot, "tests", "stores", "start-stores.sh"),
            new Dictionary<string, string> { ["CONVERSATIONS_STORES_FSYNC"] = options.Fsync ? "on" : "off" }));
        _storesDirectory = exports["CONVERSATIONS_STORES_DIR"];
        var server = exports["CONVERSATIONS_TEST_POSTGRES"];
        var database = "conv_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(server))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {database}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        Postgres = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 200 }.ConnectionString;
        await StartHostsAsync(
            "production",
            options,
            new Dictionary<string, string>
            {
                ["Silo__Profile"] = "Production",
                ["Silo__GrainState"] = options.GrainState,
                ["ConnectionStrings__Postgres"] = Postgres,
                ["ConnectionStrings__AzureStorage"] = exports["CONVERSATIONS_TEST_AZURE_STORAGE"],
            },
            new Dictionary<string, string>
            {
                ["Gateway__Profile"] = "Production",
                ["ConnectionStrings__Postgres"] = Postgres,
            });
    }

    private async Task StartHostsAsync(string profile, BenchOptions options, Dictionary<string, string> silo, Dictionary<string, string> gateway)
    {
        var siloGatewayPort = FreePort.Next().ToString();
        var gatewayPort = FreePort.Next();
        var common = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Security__MasterKey"] = ApiAccess.NewMasterKey(),
            ["Security__BootstrapAdmin__Password"] = AdminPassword,
            ["Telemetry__Tracing"] = options.Tracing ? "true" : "false",
        };

        Console.Error.WriteLine($"bench: starting one silo and one gateway ({profile} profile{(options.Tracing ? ", recording traces" : string.Empty)})");
        SiloHttp = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var memory = options.IdleAfter is { } age
            ? new Dictionary<string, string>
            {
                ["Silo__GrainCollection__CollectionAge"] = age.ToString(),
                ["Silo__GrainCollection__CollectionQuantum"] = TimeSpan.FromSeconds(Math.Max(5, age.TotalSeconds / 4)).ToString(),
            }
            : [];
        if (options.MemoryLimitMiB is { } limit)
        {
            memory["DOTNET_GCHeapHardLimit"] = (limit * 1048576L * 3 / 4).ToString("x", CultureInfo.InvariantCulture);
        }

        _processes.Add(HostProcess.Start("silo", HostAssemblies.Silo, new Dictionary<string, string>(common.Concat(silo).Concat(memory))
        {
            ["Silo__SiloPort"] = FreePort.Next().ToString(),
            ["Silo__GatewayPort"] = siloGatewayPort,
            ["Urls"] = SiloHttp.ToString(),
        }));
        _processes.Add(HostProcess.Start("gateway", HostAssemblies.Gateway, new Dictionary<string, string>(common.Concat(gateway))
        {
            ["Gateway__SiloGatewayPort"] = siloGatewayPort,
            ["Urls"] = $"http://127.0.0.1:{gatewayPort}",

            // Readiness is polled by signing in; the bench measures the message path, not the abuse limits.
            ["Security__LoginAttemptsPerMinutePerAddress"] = "1000",
            ["Security__ConnectorRequestsPerSecond"] = "1000000",
            ["Security__ConnectorBurst"] = "1000000",
        }));
        Gateway = new Uri($"http://127.0.0.1:{gatewayPort}");
        await WaitForGatewayAsync();
    }

    /// <summary>Up once the admin can sign in: that goes through the cluster, where the silo made the account.</summary>
    private async Task WaitForGatewayAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                (await ApiAccess.SignInAsync(Gateway, ApiAccess.AdminUserId, AdminPassword)).Dispose();
                return;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                // Not listening, or not through to the cluster, yet.
            }

            if (DateTime.UtcNow > deadline || _processes.Any(p => p.HasExited))
            {
                throw new InvalidOperationException("The self-hosted system did not start." + Environment.NewLine
                    + string.Join(Environment.NewLine, _processes.Select(p => p.Output())));
            }

            await Task.Delay(250);
        }
    }

    private static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments]) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}.");
    }

    private static Dictionary<string, string> ParseExports(string output) =>
        ExportLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [GeneratedRegex("^export ([A-Z_]+)='([^']*)'$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();
}
