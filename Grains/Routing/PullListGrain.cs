using Conversations.Domain;
using Conversations.Storage;

namespace Conversations.Agents;

/// <summary>A named list of tasks for pull routing; the task grain decides which agent gets one.</summary>
public sealed class PullListGrain(
    [PersistentState(StateNames.PullList, StorageNames.GrainState)] IPersistentState<PullListState> list)
    : Grain, IPullListGrain
{
    async Task IPullListGrain.ParkAsync(QueuedTask task)
    {
        if (list.State.Parked.All(t => t.TaskId != task.TaskId))
        {
            list.State.Parked.Add(task);
            await list.WriteStateAsync();
        }
    }

    async Task IPullListGrain.RemoveAsync(string taskId)
    {
        if (list.State.Parked.RemoveAll(t => t.TaskId == taskId) > 0)
        {
            await list.WriteStateAsync();
        }
    }

    Task<IReadOnlyList<QueuedTask>> IPullListGrain.ListAsync() => Task.FromResult(RoutingPolicy.InArrivalOrder(list.State.Parked));
}
