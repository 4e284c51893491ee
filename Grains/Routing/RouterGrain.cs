using Conversations.Domain;
using Conversations.Channels;
using Conversations.Storage;
using Conversations.Telemetry;
using Microsoft.Extensions.Logging;

namespace Conversations.Agents;

/// <summary>
/// Push routing for one channel type: hands each signal to <see cref="RoutingPolicy"/>, makes the offers it
/// decides on, and stores the queue only when it changed.
/// </summary>
public sealed partial class RouterGrain(
    [PersistentState(StateNames.Router, StorageNames.GrainState)] IPersistentState<RouterState> router,
    ConversationsMetrics metrics,
    ILogger<RouterGrain> logger)
    : Grain, IRouterGrain
{
    private string ChannelTypeCode => this.GetPrimaryKeyString()[GrainKeys.RouterPrefix.Length..];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        metrics.QueueIs(RoutingMode.Push, ChannelTypeCode, router.State.Waiting);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.QueueDeactivated(RoutingMode.Push, ChannelTypeCode);
        return Task.CompletedTask;
    }

    Task IRouterGrain.EnqueueAsync(QueuedTask task) => HandleAsync(new RouterSignal.TaskEnqueued(task));

    /// <summary>The task grain decides (and refuses a task in hand); the router, busy meanwhile, cannot offer it to anyone else.</summary>
    async Task<AgentTaskView> IRouterGrain.ReassignAsync(QueuedTask task, string agentId, string by)
    {
        var reassigned = await GrainFactory.Get<IAgentTaskGrain>(task.TaskId).ReassignAsync(agentId, by);
        await HandleAsync(new RouterSignal.TaskReassigned(new TaskOffer(task, agentId)));
        return reassigned;
    }

    Task IRouterGrain.TaskReturnedAsync(QueuedTask task, string previousAgentId) => HandleAsync(new RouterSignal.TaskReturned(task, previousAgentId));

    Task IRouterGrain.RemoveAsync(string taskId) => HandleAsync(new RouterSignal.TaskRemoved(taskId));

    Task IRouterGrain.AgentChangedAsync(AgentAvailability availability) => HandleAsync(new RouterSignal.AgentChanged(availability));

    Task<IReadOnlyList<QueuedTask>> IRouterGrain.GetQueueAsync() => Task.FromResult(RoutingPolicy.InArrivalOrder(router.State.Waiting));

    private async Task HandleAsync(RouterSignal signal)
    {
        var decision = RoutingPolicy.Decide(router.State.ToQueue(), signal);
        var (queue, changed) = (decision.Queue, decision.Changed);
        foreach (var offer in decision.Offers)
        {
            var settled = RoutingPolicy.Decide(queue, await OfferAsync(offer));
            (queue, changed) = (settled.Queue, changed || settled.Changed);
        }

        if (changed)
        {
            router.State = RouterState.From(queue);
            await router.WriteStateAsync();
            metrics.QueueIs(RoutingMode.Push, ChannelTypeCode, router.State.Waiting);
        }
    }

    /// <summary>
    /// A failing offer is an outcome like any other: the task stays waiting for a later signal, and the
    /// other tasks (and the caller, often a conversation enqueueing its own task) carry on.
    /// </summary>
    private async Task<RouterSignal> OfferAsync(TaskOffer offer)
    {
        try
        {
            return await GrainFactory.Get<IAgentTaskGrain>(offer.Task.TaskId).OfferAsync(offer.AgentId)
                ? new RouterSignal.OfferMade(offer)
                : new RouterSignal.OfferRefused(offer);
        }
        catch (Exception e)
        {
            LogOfferFailed(e, offer.Task.TaskId, offer.AgentId);
            return new RouterSignal.OfferFailed(offer);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offering task {TaskId} to agent {AgentId} failed; it stays waiting")]
    private partial void LogOfferFailed(Exception exception, string taskId, string agentId);
}
