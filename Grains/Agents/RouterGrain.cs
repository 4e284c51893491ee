using Conversations.Domain;
using Conversations.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Agents;

/// <summary>Push routing for one channel type; the choice itself is <see cref="RoutingPolicy"/>.</summary>
public sealed partial class RouterGrain(
    [PersistentState(StateNames.Router, StorageNames.GrainState)] IPersistentState<RouterState> router,
    ILogger<RouterGrain> logger)
    : Grain, IRouterGrain
{
    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    private RouterState State => router.State;

    public async Task EnqueueAsync(QueuedTask task)
    {
        if (State.Waiting.All(t => t.TaskId != task.TaskId))
        {
            State.Waiting.Add(task);
        }

        await DispatchAsync();
    }

    public async Task TaskReturnedAsync(QueuedTask task, string previousAgentId)
    {
        if (!State.Declined.TryGetValue(task.TaskId, out var declined))
        {
            State.Declined[task.TaskId] = declined = new HashSet<string>(StringComparer.Ordinal);
        }

        declined.Add(previousAgentId);
        await EnqueueAsync(task);
    }

    public async Task RemoveAsync(string taskId)
    {
        if (State.Waiting.RemoveAll(t => t.TaskId == taskId) > 0 | State.Declined.Remove(taskId))
        {
            await router.WriteStateAsync();
        }
    }

    public async Task AgentChangedAsync(AgentAvailability availability)
    {
        if (State.Agents.TryGetValue(availability.AgentId, out var known) && known.Revision >= availability.Revision)
        {
            return;
        }

        if (availability.Ready && known is not { Ready: true })
        {
            // Coming back ready is a fresh start: tasks the agent turned down before may be offered again.
            foreach (var declined in State.Declined.Values)
            {
                declined.Remove(availability.AgentId);
            }
        }

        State.Agents[availability.AgentId] = availability;
        await DispatchAsync();
    }

    public Task<IReadOnlyList<QueuedTask>> GetQueueAsync() =>
        Task.FromResult<IReadOnlyList<QueuedTask>>([.. State.Waiting.OrderBy(t => t.EnqueuedAt)]);

    private async Task DispatchAsync()
    {
        try
        {
            var assignments = RoutingPolicy.Assign(State.Waiting, State.Agents, taskId => State.Declined.GetValueOrDefault(taskId) ?? Nobody);
            foreach (var (task, agentId) in assignments)
            {
                await OfferAsync(task, agentId);
            }
        }
        finally
        {
            await router.WriteStateAsync();
        }
    }

    /// <summary>
    /// An offer that fails changes nothing here: the task stays waiting for the next dispatch, and the
    /// other tasks (and the caller, often a conversation enqueueing its own task) carry on.
    /// </summary>
    private async Task OfferAsync(QueuedTask task, string agentId)
    {
        bool offered;
        try
        {
            offered = await GrainFactory.GetGrain<IAgentTaskGrain>(task.TaskId).OfferAsync(agentId);
        }
        catch (Exception e)
        {
            LogOfferFailed(e, task.TaskId, agentId);
            return;
        }

        if (offered)
        {
            var agent = State.Agents[agentId];

            // Counted here until the agent reports its own capacity again, so no agent gets more offers than slots.
            State.Agents[agentId] = agent with { FreeCapacity = agent.FreeCapacity - 1 };
        }

        // Offered, or no longer waiting at all (the customer left meanwhile).
        State.Waiting.RemoveAll(t => t.TaskId == task.TaskId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offering task {TaskId} to agent {AgentId} failed; it stays waiting")]
    private partial void LogOfferFailed(Exception exception, string taskId, string agentId);
}
