using Conversations.Channels;

namespace Conversations.Agents;

/// <summary>Where a task waits for an agent: its channel type's router (push routing) or its pull list (pull routing).</summary>
internal static class TaskQueues
{
    /// <summary>Idempotent: a router or list ignores a task it already holds.</summary>
    public static Task EnqueueAsync(this IGrainFactory grains, AgentTaskSpec spec, QueuedTask task) =>
        spec.RoutingMode == RoutingMode.Pull
            ? grains.GetGrain<IPullListGrain>(GrainKeys.PullList(spec.ListName!)).ParkAsync(task)
            : grains.GetGrain<IRouterGrain>(GrainKeys.Router(spec.ChannelTypeCode)).EnqueueAsync(task);

    public static Task RemoveFromQueueAsync(this IGrainFactory grains, AgentTaskSpec spec, string taskId) =>
        spec.RoutingMode == RoutingMode.Pull
            ? grains.GetGrain<IPullListGrain>(GrainKeys.PullList(spec.ListName!)).RemoveAsync(taskId)
            : grains.GetGrain<IRouterGrain>(GrainKeys.Router(spec.ChannelTypeCode)).RemoveAsync(taskId);

    /// <summary>Only push routing offers tasks, so an offer turned down goes back to its router.</summary>
    public static Task ReturnToQueueAsync(this IGrainFactory grains, QueuedTask task, string declinedBy) =>
        grains.GetGrain<IRouterGrain>(GrainKeys.Router(task.ChannelTypeCode)).TaskReturnedAsync(task, declinedBy);
}
