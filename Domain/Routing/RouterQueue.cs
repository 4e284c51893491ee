namespace Conversations.Agents;

/// <summary>
/// What one push router knows: the tasks waiting for an agent, the agents who turned each of them down,
/// and the latest availability each agent reported for the router's channel type.
/// </summary>
public sealed record RouterQueue(
    IReadOnlyList<QueuedTask> Waiting,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Declined,
    IReadOnlyDictionary<string, AgentAvailability> Agents)
{
    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    public IReadOnlySet<string> DeclinedBy(string taskId) => Declined.GetValueOrDefault(taskId) ?? Nobody;
}
