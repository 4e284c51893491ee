namespace Conversations.Agents;

/// <summary>
/// Push routing for one channel type (key <see cref="GrainKeys.Router"/>): offers waiting tasks, in arrival
/// order, to the longest-idle ready agent with free capacity for that type.
/// </summary>
public interface IRouterGrain : IGrainWithStringKey
{
    Task EnqueueAsync(QueuedTask task);

    /// <summary>
    /// Offers the task to the agent a supervisor chose, here so that the router makes no offer of its own
    /// meanwhile, and takes it off the queue if it waits there.
    /// </summary>
    Task<AgentTaskView> ReassignAsync(QueuedTask task, string agentId, string by);

    /// <summary>An offer was rejected or not answered in time: offer it to someone else.</summary>
    [OneWay]
    Task TaskReturnedAsync(QueuedTask task, string previousAgentId);

    [OneWay]
    Task RemoveAsync(string taskId);

    [OneWay]
    Task AgentChangedAsync(AgentAvailability availability);

    [ReadOnly]
    Task<IReadOnlyList<QueuedTask>> GetQueueAsync();
}

/// <summary>A named list tasks are parked on for pull routing (key <see cref="GrainKeys.PullList"/>).</summary>
public interface IPullListGrain : IGrainWithStringKey
{
    Task ParkAsync(QueuedTask task);

    /// <summary>Offers the task to the agent a supervisor chose, and takes it off the list.</summary>
    Task<AgentTaskView> ReassignAsync(string taskId, string agentId, string by);

    [OneWay]
    Task RemoveAsync(string taskId);

    [ReadOnly]
    Task<IReadOnlyList<QueuedTask>> ListAsync();
}
