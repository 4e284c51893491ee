namespace Conversations.Gateway.Hosting;

public enum ClusterProfile
{
    /// <summary>One local silo found on its localhost gateway port.</summary>
    Development,

    /// <summary>Silos found through the PostgreSQL membership table.</summary>
    Production,
}

/// <summary>The "Gateway" configuration section: how this Orleans client finds the silos.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The production profile's membership database: ConnectionStrings:Postgres, shared with the silos.</summary>
    public const string PostgresConnectionName = "Postgres";

    public const string AdoNetInvariant = "Npgsql";

    public ClusterProfile Profile { get; set; } = ClusterProfile.Development;

    /// <summary>The silo gateway port, for the development profile.</summary>
    public int SiloGatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "conversations";

    public string ServiceId { get; set; } = "conversations";

    /// <summary>Largest accepted request body; bigger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest file an agent or web chat visitor may upload (the runtime keeps at most 16 MiB whatever this says).</summary>
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;
}
