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
}
