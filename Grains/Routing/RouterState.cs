namespace Conversations.Agents;

[GenerateSerializer]
public sealed class RouterState
{
    [Id(0)]
    public List<QueuedTask> Waiting { get; set; } = [];

    /// <summary>Agents who turned a waiting task down (rejected, or let the offer time out).</summary>
    [Id(1)]
    public Dictionary<string, HashSet<string>> Declined { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public Dictionary<string, AgentAvailability> Agents { get; set; } = new(StringComparer.Ordinal);

    public static RouterState From(RouterQueue queue) => new()
    {
        Waiting = [.. queue.Waiting],
        Declined = queue.Declined.ToDictionary(d => d.Key, d => new HashSet<string>(d.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        Agents = new Dictionary<string, AgentAvailability>(queue.Agents, StringComparer.Ordinal),
    };

    public RouterQueue ToQueue() => new(
        [.. Waiting],
        Declined.ToDictionary(d => d.Key, d => (IReadOnlySet<string>)new HashSet<string>(d.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        new Dictionary<string, AgentAvailability>(Agents, StringComparer.Ordinal));
}
