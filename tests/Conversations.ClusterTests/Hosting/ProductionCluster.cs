using Npgsql;
using Conversations.Testing;

namespace Conversations.ClusterTests.Hosting;

/// <summary>
/// Silos and a gateway in the production profile as separate processes on loopback, sharing a fresh PostgreSQL
/// database and a fresh Azurite table. Membership and reminder timings are lowered through the documented
/// Silo:Membership / Silo:Reminders / Silo:Messaging and Gateway:Messaging / Gateway:GatewayList configuration keys so a killed silo is declared dead, and its reminders move, within seconds.
/// </summary>
public sealed class ProductionCluster : IAsyncDisposable
{
    /// <summary>Orleans' SiloStatus.Active as stored in the membership table.</summary>
    private const int ActiveStatus = 3;

    /// <summary>About the failure-detection time these silos are tuned to, as the gateway's own default is to the silos' defaults.</summary>
    public static readonly TimeSpan GatewayResponseTimeout = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<HostProcess> _processes = [];
    private readonly string _clusterId = TestStores.UniqueName("cluster-");
    private readonly string _grainStateTable = TestStores.UniqueName("cluster");
    private readonly string _masterKey = ApiAccess.NewMasterKey();
    private readonly string _adminPassword = ApiAccess.NewPassword();

    private readonly string _grainState;

    private ProductionCluster(ClusterDatabase database, string grainState) => (Database, _grainState) = (database, grainState);

    public ClusterDatabase Database { get; }

    /// <summary>Signed in as the bootstrap admin: configuration and reading back.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public IReadOnlyList<HostProcess> Silos => [.. _processes.Where(p => p.Name.StartsWith("silo", StringComparison.Ordinal))];

    /// <summary>
    /// Starts <paramref name="silos"/> silos one after the other (the first migrates the schema), then the gateway;
    /// grain state in Azure Table Storage unless <paramref name="grainState"/> says Postgres (Silo:GrainState).
    /// </summary>
    public static async Task<ProductionCluster> StartAsync(int silos, string grainState = "AzureTable")
    {
        var cluster = new ProductionCluster(await ClusterDatabase.CreateAsync(), grainState);
        try
        {
            for (var i = 1; i <= silos; i++)
            {
                await cluster.StartSiloAsync($"silo{i}", i);
            }

            await cluster.StartGatewayAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A planned restart of silo <paramref name="index"/>: it stops in order, then a new process takes its place.</summary>
    public async Task RestartSiloAsync(int index)
    {
        var silo = Silos[index];
        await silo.StopAsync(StartTimeout);
        var active = await ActiveSiloCountAsync();
        await StartSiloAsync($"{silo.Name}-restarted", (int)active + 1);
    }

    /// <summary>Every process's newest output, for the test log of a failed run.</summary>
    public string Output() => string.Join(Environment.NewLine, _processes.Select(p => p.Output()));

    public async Task<long> ActiveSiloCountAsync()
    {
        try
        {
            return await Database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = @active",
                ("cluster", _clusterId), ("active", ActiveStatus));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The first silo has not migrated the fresh database yet.
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        await Database.DisposeAsync();
    }

    private async Task StartSiloAsync(string name, int expectedActive)
    {
        var silo = Launch(name, HostAssemblies.Silo, new Dictionary<string, string>
        {
            ["Silo__Profile"] = "Production",
            ["Silo__ClusterId"] = _clusterId,
            ["Silo__ServiceId"] = _clusterId,
            ["Silo__SiloPort"] = FreePort.Next().ToString(),
            ["Silo__GatewayPort"] = FreePort.Next().ToString(),
            ["Silo__GrainState"] = _grainState,
            ["Silo__GrainStateTable"] = _grainStateTable,
            ["ConnectionStrings__AzureStorage"] = TestStores.AzureStorage,
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",

            // A dead silo is suspected after two missed 2 s probes; with two silos one vote declares it dead.
            ["Silo__Membership__ProbeTimeout"] = "00:00:02",
            ["Silo__Membership__NumMissedProbesLimit"] = "2",
            ["Silo__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Silo__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
            ["Silo__Membership__DeathVoteExpirationTimeout"] = "00:00:30",

            // Backstop reminders tick every inactivity timeout (10 s) instead of every minute.
            ["Silo__Reminders__MinimumReminderPeriod"] = "00:00:05",

            // Calls into a silo that just died fail within seconds rather than after the default 30 s.
            ["Silo__Messaging__ResponseTimeout"] = "00:00:10",
        });

        await WaitUntilAsync(silo, async () => await ActiveSiloCountAsync() >= expectedActive, () => "joined the cluster as active");
    }

    private async Task StartGatewayAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var gateway = Launch("gateway", HostAssemblies.Gateway, new Dictionary<string, string>
        {
            ["Gateway__Profile"] = "Production",
            ["Gateway__ClusterId"] = _clusterId,
            ["Gateway__ServiceId"] = _clusterId,
            ["Urls"] = url,
            ["Gateway__Messaging__ResponseTimeout"] = GatewayResponseTimeout.ToString(),
            ["Gateway__GatewayList__GatewayListRefreshPeriod"] = "00:00:02",

            // Readiness is polled by signing in, four times a second.
            ["Security__LoginAttemptsPerMinutePerAddress"] = "1000",
        });

        var lastSeen = "nothing yet";
        await WaitUntilAsync(gateway, async () =>
        {
            try
            {
                // Signing in goes through the cluster: the silos created the bootstrap admin.
                Gateway = await ApiAccess.SignInAsync(new Uri(url), ApiAccess.AdminUserId, _adminPassword, TimeSpan.FromSeconds(15));
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                lastSeen = e.Message;
                return false;
            }
        }, () => $"signed the admin in through the cluster (last answer: {lastSeen})");
    }

    private HostProcess Launch(string name, string assembly, Dictionary<string, string> settings)
    {
        settings["ConnectionStrings__Postgres"] = Database.ConnectionString;
        settings["Security__MasterKey"] = _masterKey;
        settings["Security__BootstrapAdmin__Password"] = _adminPassword;
        settings["Logging__LogLevel__Default"] = "Warning";
        var process = HostProcess.Start(name, assembly, settings);
        _processes.Add(process);
        return process;
    }

    private static async Task WaitUntilAsync(HostProcess process, Func<Task<bool>> ready, Func<string> what)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await ready())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{process.Name} never {what()}.{Environment.NewLine}{process.Output()}");
            }

            await Task.Delay(250);
        }
    }
}
