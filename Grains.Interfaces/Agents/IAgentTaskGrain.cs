using Conversations.Timing;

namespace Conversations.Agents;

/// <summary>
/// One AgentTask (key from <see cref="GrainKeys.NewAgentTaskId"/>). It is the arbiter of who has it:
/// offers, accepts, pulls and wrap-up all pass here, one at a time.
/// </summary>
public interface IAgentTaskGrain : IWakeUpTarget
{
    Task<AgentTaskView> CreateAsync(AgentTaskSpec spec);

    /// <summary>Offers the queued task to an agent; false when it is no longer queued.</summary>
    Task<bool> OfferAsync(string agentId);

    Task<AgentTaskView> AcceptAsync(string agentId);

    Task<AgentTaskView> RejectAsync(string agentId);

    Task<AgentTaskView> PullAsync(string agentId);

    /// <summary>
    /// Supervisor <paramref name="by"/> gives the waiting or offered task to an agent; 409 in any other state.
    /// Called by the task's router or pull list, which take it off themselves.
    /// </summary>
    Task<AgentTaskView> ReassignAsync(string agentId, string by);

    /// <summary>The agent left the conversation: wrap-up when configured, else the task closes.</summary>
    Task<AgentTaskView> AgentLeftAsync(string agentId);

    /// <summary>
    /// The customer left: a task nobody answered yet is abandoned; an agent's task goes to wrap-up when
    /// configured, else it closes.
    /// </summary>
    Task<AgentTaskView> CustomerLeftAsync();

    Task<AgentTaskView> SubmitWrapUpAsync(string agentId, IReadOnlyList<string> codes, string? notes);

    [ReadOnly]
    Task<AgentTaskView?> GetAsync();
}
