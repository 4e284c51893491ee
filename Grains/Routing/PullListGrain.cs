using Conversations.Domain;
using Conversations.Channels;
using Conversations.Storage;
using Conversations.Telemetry;

namespace Conversations.Agents;

/// <summary>A named list of tasks for pull routing; the task grain decides which agent gets one.</summary>
public sealed class PullListGrain(
    [PersistentState(StateNames.PullList, StorageNames.GrainState)] IPersistentState<PullListState> list,
    ConversationsMetrics metrics)
    : Grain, IPullListGrain
{
    private string ListName => this.GetPrimaryKeyString()[GrainKeys.PullListPrefix.Length..];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        metrics.QueueIs(RoutingMode.Pull, ListName, list.State.Parked);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.QueueDeactivated(RoutingMode.Pull, ListName);
        return Task.CompletedTask;
    }

    async Task IPullListGrain.ParkAsync(QueuedTask task)
    {
        if (list.State.Parked.All(t => t.TaskId != task.TaskId))
        {
            list.State.Parked.Add(task);
            await list.WriteStateAsync();
            metrics.QueueIs(RoutingMode.Pull, ListName, list.State.Parked);
        }
    }

    Task IPullListGrain.RemoveAsync(string taskId) => RemoveAsync(taskId);

    /// <summary>The task grain decides (an agent pulling it at the same time is refused there); then it leaves the list.</summary>
    async Task<AgentTaskView> IPullListGrain.ReassignAsync(string taskId, string agentId, string by)
    {
        var reassigned = await GrainFactory.Get<IAgentTaskGrain>(taskId).ReassignAsync(agentId, by);
        await RemoveAsync(taskId);
        return reassigned;
    }

    private async Task RemoveAsync(string taskId)
    {
        if (list.State.Parked.RemoveAll(t => t.TaskId == taskId) > 0)
        {
            await list.WriteStateAsync();
            metrics.QueueIs(RoutingMode.Pull, ListName, list.State.Parked);
        }
    }

    Task<IReadOnlyList<QueuedTask>> IPullListGrain.ListAsync() => Task.FromResult(RoutingPolicy.InArrivalOrder(list.State.Parked));
}
