using Conversations.Domain;
using Conversations.Hosting;
using Conversations.Reporting;
using Conversations.Storage;
using Conversations.Telemetry;
using Conversations.Timing;

namespace Conversations.Agents;

/// <summary>
/// One agent task. Its decisions are <see cref="AgentTaskRules"/>; the grain stores the task, watches its
/// deadline in the wake-up book, moves it on or off its queue, tells the agent concerned, and leaves
/// the reporting row of a finished task.
/// </summary>
public sealed class AgentTaskGrain(
    [PersistentState(StateNames.AgentTask, StorageNames.GrainState)] IPersistentState<AgentTaskState> task,
    IReportingStore reporting,
    IWakeUpBook wakeUps,
    ConversationsMetrics metrics,
    TimeProvider time)
    : ReloadOnFailureGrain, IAgentTaskGrain
{
    private string Id => this.GetPrimaryKeyString();

    Task<AgentTaskView> IAgentTaskGrain.CreateAsync(AgentTaskSpec spec) => ViewAfterAsync(new AgentTaskSignal.Create(spec));

    Task<bool> IAgentTaskGrain.OfferAsync(string agentId) => ChangeAsync(async () => (await DecideAsync(new AgentTaskSignal.Offer(agentId))).Changed);

    Task<AgentTaskView> IAgentTaskGrain.AcceptAsync(string agentId) => ViewAfterAsync(new AgentTaskSignal.Accept(agentId));

    Task<AgentTaskView> IAgentTaskGrain.RejectAsync(string agentId) => ViewAfterAsync(new AgentTaskSignal.Reject(agentId));

    Task<AgentTaskView> IAgentTaskGrain.PullAsync(string agentId) => ViewAfterAsync(new AgentTaskSignal.Pull(agentId));

    Task<AgentTaskView> IAgentTaskGrain.ReassignAsync(string agentId, string by) => ViewAfterAsync(new AgentTaskSignal.Reassign(agentId, by));

    Task<AgentTaskView> IAgentTaskGrain.AgentLeftAsync(string agentId) => ViewAfterAsync(new AgentTaskSignal.AgentLeft(agentId));

    Task<AgentTaskView> IAgentTaskGrain.CustomerLeftAsync() => ViewAfterAsync(new AgentTaskSignal.CustomerLeft());

    Task<AgentTaskView> IAgentTaskGrain.SubmitWrapUpAsync(string agentId, IReadOnlyList<string> codes, string? notes) =>
        ViewAfterAsync(new AgentTaskSignal.SubmitWrapUp(agentId, codes, notes));

    Task<AgentTaskView?> IAgentTaskGrain.GetAsync() => Task.FromResult(task.State.ToTask(Id) is { } current ? View(current) : null);

    Task IWakeUpTarget.WakeAsync() => ChangeAsync(() => DecideAsync(new AgentTaskSignal.DeadlineDue()));

    private Task<AgentTaskView> ViewAfterAsync(AgentTaskSignal signal) => ChangeAsync(async () => View((await DecideAsync(signal)).Task!));

    /// <summary>A deadline that passed unnoticed is acted on first, as if on time: an offer answered too late was already withdrawn.</summary>
    private async Task<AgentTaskDecision> DecideAsync(AgentTaskSignal signal)
    {
        if (signal is not AgentTaskSignal.DeadlineDue && AgentTaskRules.IsOverdue(task.State.ToTask(Id), time.GetUtcNow()))
        {
            await CarryOutAsync(new AgentTaskSignal.DeadlineDue());
        }

        return await CarryOutAsync(signal);
    }

    private async Task<AgentTaskDecision> CarryOutAsync(AgentTaskSignal signal)
    {
        var before = task.State.ToTask(Id);
        var decision = AgentTaskRules.Decide(Id, before, signal, time.GetUtcNow());
        if (decision is { Changed: true, Task: { } changed })
        {
            if (decision.Finished)
            {
                // Before the finished state: if the report fails, the task is stored as it was and the
                // caller's retry writes both (the row is an upsert).
                await reporting.RecordAgentTaskAsync(View(changed));
            }

            task.State = AgentTaskState.From(changed);
            await task.WriteStateAsync();
            metrics.TaskChanged(before, changed);
        }

        switch (decision.Deadline)
        {
            case TaskDeadline.Started started:
                await wakeUps.BookAsync(this.GetGrainId(), started.At);
                break;
            case TaskDeadline.Stopped:
                await wakeUps.CancelAsync(this.GetGrainId());
                break;
            case TaskDeadline.NotYetDue pending:
                await wakeUps.BookAsync(this.GetGrainId(), pending.At);
                break;
        }

        switch (decision.Queue)
        {
            case TaskQueueChange.Dequeue:
                GrainFactory.RemoveFromQueueAsync(decision.Task!.Spec, Id).Ignore();
                break;
            case TaskQueueChange.Requeue requeue:
                GrainFactory.ReturnToQueueAsync(decision.Task!.Spec, requeue.Task, requeue.DeclinedBy).Ignore();
                break;
        }

        foreach (var agentId in new[] { decision.WithdrawFrom, decision.TellAgent }.OfType<string>())
        {
            GrainFactory.Get<IAgentGrain>(GrainKeys.Agent(agentId)).OnTaskChangedAsync(View(decision.Task!)).Ignore();
        }

        return decision;
    }

    private static AgentTaskView View(AgentTask task) => new(
        task.Id,
        task.Spec,
        task.State,
        task.AgentId,
        task.EnqueuedAt,
        task.OfferedAt,
        task.AnsweredAt,
        task.WrapUpStartedAt,
        task.EndedAt,
        [.. task.WrapUpCodes],
        task.WrapUpNotes,
        task.EndReason,
        [.. task.History],
        task.Deadline);
}
