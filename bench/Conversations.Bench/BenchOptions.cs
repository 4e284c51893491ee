using System.Globalization;

namespace Conversations.Bench;

/// <summary>
/// Command line of the bench. Either <c>--gateway URL --postgres CONNECTION</c> for a running system, or
/// <c>--self-host</c> to start throwaway stores, one silo and one gateway (production profile) for the run.
/// Channels are configured as an admin (<c>--admin-password</c>, for a running system) and driven as their connectors.
/// Every run is bounded: by <see cref="Duration"/> and by <see cref="MaxMessages"/>, whichever comes first.
/// </summary>
public sealed record BenchOptions
{
    public Uri? Gateway { get; init; }

    public string? Postgres { get; init; }

    public bool SelfHost { get; init; }

    public string AdminUser { get; init; } = "admin";

    public string? AdminPassword { get; init; }

    /// <summary>Concurrent simulated customers.</summary>
    public int Customers { get; init; } = 32;

    /// <summary>Concurrent clients of the PostgreSQL INSERT baseline: issue 13 states its ratio against 16.</summary>
    public int BaselineClients { get; init; } = 16;

    /// <summary>Channels configured through the admin API; customers are spread over them round-robin.</summary>
    public int Channels { get; init; } = 4;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int MaxMessages { get; init; } = 1_000_000;

    /// <summary>Characters of message text, and of the baseline row's payload.</summary>
    public int PayloadBytes { get; init; } = 100;

    /// <summary>Messages one customer sends, one after the other, in the long-conversation phase.</summary>
    public int LongMessages { get; init; } = 1000;

    /// <summary>Self-hosted PostgreSQL pays its fsyncs (as the ratio runs ask), instead of the tests' fsync=off.</summary>
    public bool Fsync { get; init; }

    /// <summary>Self-hosted grain state: AzureTable (Azurite, the default) or Postgres (Silo:GrainState).</summary>
    public string GrainState { get; init; } = "AzureTable";

    /// <summary>Self-hosted silo and gateway record traces (as with an OTLP endpoint), to show what that costs.</summary>
    public bool Tracing { get; init; }

    /// <summary>Self-hosted: also run the steady and new-conversation phases on the development profile, for the ratios.</summary>
    public bool Development { get; init; }

    /// <summary>Self-hosted: conversations to open before reading the silo's memory and timing its graceful stop (0: skip).</summary>
    public int MemoryConversations { get; init; }

    /// <summary>Self-hosted: grains idle this long leave memory (Silo:GrainCollection), and the memory phase waits for that.</summary>
    public TimeSpan? IdleAfter { get; init; }

    /// <summary>
    /// Self-hosted: the silo runs as in a container of this many MiB, its heap limited to 75 % of it as .NET does there
    /// (DOTNET_GCHeapHardLimit), so the memory phase shows whether the silo holds its conversations within that memory.
    /// </summary>
    public int? MemoryLimitMiB { get; init; }

    /// <summary>Traffic before measuring, so conversation creation and JIT do not count as steady state.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public const string Usage = """
        Usage:
          Conversations.Bench --self-host [options]
          Conversations.Bench --gateway http://127.0.0.1:5080 --postgres "Host=...;Database=..." --admin-password PASSWORD [options]
        Options:
          --admin-user USER    the admin who configures the run's channels (default admin)
          --customers N        concurrent simulated customers (default 32)
          --baseline-clients N concurrent clients of the PostgreSQL INSERT baseline (default 16, as issue 13 states it)
          --channels M         channels to configure (default 4)
          --duration SECONDS   measured time of each phase (default 20)
          --max-messages K     upper bound of measured operations of each phase (default 1000000)
          --payload BYTES      message text / baseline payload size (default 100)
          --warmup SECONDS     unmeasured traffic first, while the JIT settles (default 10)
          --long-messages N    messages of the one long conversation, sent one after the other (default 1000)
        Self-hosted only:
          --fsync              PostgreSQL with fsync on (default off, as in the tests)
          --grain-state STORE  AzureTable (Azurite, default) or Postgres
          --tracing            silo and gateway record traces, as with an OTLP endpoint (default off)
          --development        also measure the development profile (in memory) for the ratios
          --memory N           open N conversations, then read the silo's memory and time its graceful stop
          --idle-after SECONDS grains idle this long leave memory; the memory phase then also waits for that
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"{args[i]} must be positive.");
            options = args[i] switch
            {
                "--self-host" => options with { SelfHost = true },
                "--gateway" => options with { Gateway = new Uri(Value()) },
                "--postgres" => options with { Postgres = Value() },
                "--admin-user" => options with { AdminUser = Value() },
                "--admin-password" => options with { AdminPassword = Value() },
                "--customers" => options with { Customers = Number() },
                "--baseline-clients" => options with { BaselineClients = Number() },
                "--channels" => options with { Channels = Number() },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number()) },
                "--max-messages" => options with { MaxMessages = Number() },
                "--payload" => options with { PayloadBytes = Number() },
                "--long-messages" => options with { LongMessages = Number() },
                "--fsync" => options with { Fsync = true },
                "--grain-state" => options with { GrainState = GrainStore(Value()) },
                "--tracing" => options with { Tracing = true },
                "--development" => options with { Development = true },
                "--memory" => options with { MemoryConversations = Number() },
                "--idle-after" => options with { IdleAfter = TimeSpan.FromSeconds(Number()) },
                "--memory-limit" => options with { MemoryLimitMiB = Number() },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        if (options.SelfHost == (options.Gateway is not null || options.Postgres is not null || options.AdminPassword is not null)
            || (!options.SelfHost && (options.Gateway is null || options.Postgres is null || options.AdminPassword is null)))
        {
            throw new ArgumentException("Give either --self-host, or --gateway, --postgres and --admin-password.");
        }

        if (!options.SelfHost && (options.Fsync || options.GrainState != "AzureTable" || options.Tracing || options.Development || options.MemoryConversations > 0 || options.IdleAfter is not null || options.MemoryLimitMiB is not null))
        {
            throw new ArgumentException("--fsync, --grain-state, --tracing, --development, --memory, --idle-after and --memory-limit need --self-host.");
        }

        return options;
    }

    private static string GrainStore(string value) =>
        value is "AzureTable" or "Postgres" ? value : throw new ArgumentException("--grain-state is AzureTable or Postgres.");
}
