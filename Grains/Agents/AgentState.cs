namespace Conversations.Agents;

[GenerateSerializer]
public sealed class AgentState
{
    [Id(0)]
    public string? Name { get; set; }

    [Id(1)]
    public bool SignedIn { get; set; }

    [Id(2)]
    public AgentPresence Presence { get; set; }

    [Id(3)]
    public Dictionary<string, int> Capacity { get; set; } = new(StringComparer.Ordinal);

    [Id(4)]
    public List<AgentTaskRef> Tasks { get; set; } = [];

    /// <summary>Since when the agent has been ready without a new task: "longest idle" is the earliest.</summary>
    [Id(5)]
    public DateTimeOffset AvailableSince { get; set; }

    /// <summary>Counts the availabilities told to routers, so they can tell a newer one from an older one.</summary>
    [Id(6)]
    public long Revision { get; set; }

    [Id(7)]
    public string? NotReadyReason { get; set; }

    [Id(8)]
    public DateTimeOffset PresenceSince { get; set; }

    public static AgentState From(AgentSnapshot agent) => new()
    {
        Name = agent.Name,
        SignedIn = agent.SignedIn,
        Presence = agent.Presence,
        Capacity = new Dictionary<string, int>(agent.Capacity, StringComparer.Ordinal),
        Tasks = [.. agent.Tasks],
        AvailableSince = agent.AvailableSince,
        Revision = agent.Revision,
        NotReadyReason = agent.NotReadyReason,
        PresenceSince = agent.PresenceSince,
    };

    public AgentSnapshot ToSnapshot(string id) =>
        new(id, Name, SignedIn, Presence, new Dictionary<string, int>(Capacity, StringComparer.Ordinal), [.. Tasks], AvailableSince, Revision, NotReadyReason, PresenceSince);
}
