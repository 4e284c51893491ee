namespace Conversations.Agents;

/// <summary>
/// One AgentTask (key from <see cref="GrainKeys.NewAgentTaskId"/>). It is the arbiter of who has it:
/// offers, accepts, pulls and wrap-up all pass here, one at a time.
/// </summary>
public interface IAgentTaskGrain : IGrainWithStringKey
{
    Task<AgentTaskView> CreateAsync(AgentTaskSpec spec);

    /// <summary>Offers the queued task to an agent; false when it is no longer queued.</summary>
    Task<bool> OfferAsync(string agentId);

    Task<AgentTaskView> AcceptAsync(string agentId);

    Task<AgentTaskView> RejectAsync(string agentId);

    Task<AgentTaskView> PullAsync(string agentId);

    /// <summary>The agent left the conversation: wrap-up when configured, else the task closes.</summary>
    Task<AgentTaskView> AgentLeftAsync(string agentId);

    /// <summary>The customer left while the agent is in: wrap-up when configured, else the task closes.</summary>
    Task<AgentTaskView> CustomerLeftAsync();

    Task<AgentTaskView> SubmitWrapUpAsync(string agentId, IReadOnlyList<string> codes, string? notes);

    /// <summary>The customer went away before an agent answered.</summary>
    Task<AgentTaskView> AbandonAsync();

    [ReadOnly]
    Task<AgentTaskView?> GetAsync();
}
