using Conversations.Activities;

namespace Conversations.Agents;

/// <summary>
/// A human agent (key <see cref="GrainKeys.Agent"/>): presence, capacity per channel type, current tasks,
/// and the live feed of the agent's desk.
/// </summary>
public interface IAgentGrain : IGrainWithStringKey
{
    Task<AgentView> SignInAsync(AgentProfile profile);

    Task<AgentView> SignOutAsync();

    /// <param name="reason">Why the agent is not ready (e.g. "Lunch"); only with not ready.</param>
    Task<AgentView> SetPresenceAsync(AgentPresence presence, string? reason = null);

    [ReadOnly]
    Task<AgentView?> GetAsync();

    Task<AgentTaskView> AcceptAsync(string taskId);

    Task<AgentTaskView> RejectAsync(string taskId);

    /// <summary>Takes a task parked on a pull list; 409 when another agent was first.</summary>
    Task<AgentTaskView> PullAsync(string taskId);

    /// <summary>
    /// Supervisor <paramref name="by"/> gives the agent a waiting or offered task: 404 for an agent or task not
    /// known, 409 when the agent is not signed in, has no room for the task's channel type, or the task is in hand
    /// or over. The offer reaches the agent as any offer does.
    /// </summary>
    Task<AgentTaskView> ReceiveReassignedAsync(string taskId, string by);

    /// <summary>Leaves the task's conversation; the task goes to wrap-up when the channel asks for it.</summary>
    Task<AgentTaskView> LeaveAsync(string taskId);

    Task<AgentTaskView> SubmitWrapUpAsync(string taskId, IReadOnlyList<string> codes, string? notes);

    /// <summary>Writes to the customer, with a file if given; to the most recently active channel session unless one is named.</summary>
    Task<long> SendMessageAsync(string taskId, string text, string? channelSessionId, MessageAttachment? attachment = null);

    /// <summary>One of the agent's tasks changed on its own (offered, offer withdrawn, wrap-up timed out...).</summary>
    [OneWay]
    Task OnTaskChangedAsync(AgentTaskView task);

    /// <summary>A message in one of the agent's conversations.</summary>
    [OneWay]
    Task OnConversationActivityAsync(Activities.Activity activity);

    /// <summary>The delivery of a message in one of the agent's conversations moved on; the desk reads it again.</summary>
    [OneWay]
    Task OnDeliveryRecordedAsync(string conversationId, long sequence);

    /// <summary>Subscribes or renews a desk; false when the grain did not know it (it restarted or moved), so events may have been missed.</summary>
    Task<bool> SubscribeAsync(IAgentObserver observer);

    Task UnsubscribeAsync(IAgentObserver observer);
}

/// <summary>An agent desk connection (in the gateway) receiving the agent's events.</summary>
public interface IAgentObserver : IGrainObserver
{
    [OneWay]
    Task OnAgentEventAsync(AgentEvent agentEvent);
}
