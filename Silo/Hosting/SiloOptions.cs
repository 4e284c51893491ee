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

    /// <summary>
    /// The address the production profile publishes in the membership table for other silos and
    /// clients to dial. 127.0.0.1 suits several silos on one machine; set the host's address otherwise.
    /// </summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Lets requests from this machine (loopback) see the dashboard without signing in, as <c>./run.sh</c> does;
    /// from anywhere else, and always when off, only admins with the gateway's token or cookie.
    /// </summary>
    public bool DashboardOpenOnLoopback { get; set; }

    /// <summary>Production profile: listen on every interface rather than only the advertised address.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>Production profile: which store keeps grain state.</summary>
    public GrainStateStore GrainState { get; set; } = GrainStateStore.AzureTable;

    /// <summary>Production profile with Azure Table grain state: the table's name.</summary>
    public string GrainStateTable { get; set; } = "ConversationsGrainState";
}
