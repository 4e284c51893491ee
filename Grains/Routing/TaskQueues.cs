using Conversations.Channels;

namespace Conversations.Agents;

/// <summary>Where a task waits for an agent: its channel type's router (push routing) or its pull list (pull routing).</summary>
internal static class TaskQueues
{
    /// <summary>Idempotent: a router or list ignores a task it already holds.</summary>
    public static Task EnqueueAsync(this IGrainFactory grains, AgentTaskSpec spec, QueuedTask task) =>
        spec.RoutingMode == RoutingMode.Pull
            ? grains.Get<IPullListGrain>(GrainKeys.PullList(spec.ListName!)).ParkAsync(task)
            : grains.Get<IRouterGrain>(GrainKeys.Router(spec.ChannelTypeCode)).EnqueueAsync(task);

    public static Task RemoveFromQueueAsync(this IGrainFactory grains, AgentTaskSpec spec, string taskId) =>
        spec.RoutingMode == RoutingMode.Pull
            ? grains.Get<IPullListGrain>(GrainKeys.PullList(spec.ListName!)).RemoveAsync(taskId)
            : grains.Get<IRouterGrain>(GrainKeys.Router(spec.ChannelTypeCode)).RemoveAsync(taskId);

    /// <summary>
    /// An offer turned down goes back where the task waited: its router, which remembers who declined, or its
    /// pull list (a supervisor offered it from there).
    /// </summary>
    public static Task ReturnToQueueAsync(this IGrainFactory grains, AgentTaskSpec spec, QueuedTask task, string declinedBy) =>
        spec.RoutingMode == RoutingMode.Pull
            ? grains.Get<IPullListGrain>(GrainKeys.PullList(spec.ListName!)).ParkAsync(task)
            : grains.Get<IRouterGrain>(GrainKeys.Router(task.ChannelTypeCode)).TaskReturnedAsync(task, declinedBy);

    /// <summary>A supervisor's reassignment goes through the task's router or pull list, the one place that takes it off.</summary>
    public static Task<AgentTaskView> ReassignAsync(this IGrainFactory grains, AgentTaskSpec spec, QueuedTask task, string agentId, string by) =>
        spec.RoutingMode == RoutingMode.Pull
            ? grains.Get<IPullListGrain>(GrainKeys.PullList(spec.ListName!)).ReassignAsync(task.TaskId, agentId, by)
            : grains.Get<IRouterGrain>(GrainKeys.Router(spec.ChannelTypeCode)).ReassignAsync(task, agentId, by);
}
