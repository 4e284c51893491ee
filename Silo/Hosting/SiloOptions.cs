namespace Conversations.Silo.Hosting;

public enum SiloProfile
{
    /// <summary>Localhost clustering, in-memory storage and reminders: nothing to install.</summary>
    Development,

    /// <summary>Azure Table grain state and PostgreSQL for clustering, reminders, activity log and reports.</summary>
    Production,
}

/// <summary>The "Silo" configuration section.</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    public SiloProfile Profile { get; set; } = SiloProfile.Development;

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "conversations";

    public string ServiceId { get; set; } = "conversations";
}
