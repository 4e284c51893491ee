using Conversations.Activities;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.GrainTests.Foundation;
using Conversations.Inbound;
using Conversations.Reporting;
using Conversations.Testing;

namespace Conversations.GrainTests.Agents;

/// <summary>How conversations follow their agents, as the product's documentation describes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AgentConversationTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Agent_LeavesWhileCustomerStays_ConversationInactiveAndSurveySent()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default with { SurveyText = "How did we do? 1-5" });
        var (agent, task, accepted) = await AgentInConversationAsync();

        await agent.LeaveAsync(task.Id);

        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(ConversationStatus.Inactive, conversation.State);
        Assert.Equal(ChannelSessionStatus.Open, Assert.Single(conversation.ChannelSessions).Status);
        Assert.Contains(fixture.Delivered.To(accepted.ConversationId), d => d.Message.Text == "How did we do? 1-5" && d.Message.From == "BOT");
        Assert.Equal(AgentTaskStatus.Closed, (await _given.Task(task.Id).GetAsync())!.State);
    }

    [Fact]
    public async Task Agent_LeavesAndControllerClosesSessions_ConversationCloses()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default with { CloseSessionWhenAgentsLeave = true });
        var (agent, task, accepted) = await AgentInConversationAsync();

        await agent.LeaveAsync(task.Id);

        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(
            [ConversationStatus.Created, ConversationStatus.Active, ConversationStatus.Inactive, ConversationStatus.CustomerLeft, ConversationStatus.Closing, ConversationStatus.Closed],
            conversation.StateHistory.Select(h => h.State));
        Assert.Equal(SessionCloseReason.Controller, Assert.Single(conversation.ChannelSessions).CloseReason);
    }

    [Fact]
    public async Task Customer_LeavesWhileAgentIn_WithWrapUp_WrapUpThenClosedOnSubmit()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var (agent, task, accepted) = await AgentInConversationAsync(c => c with { WrapUpTimeoutSeconds = 120 });

        await _given.CustomerLeftAsync(accepted.Channel, accepted.Customer);

        Assert.Equal(ConversationStatus.WrapUp, (await _given.ConversationAsync(accepted.ConversationId)).State);
        await Eventually.MatchesAsync(() => agent.GetAsync(), a => a!.Tasks.Single().State == AgentTaskStatus.WrapUp, "the agent's task to be in wrap-up");

        var closedTask = await agent.SubmitWrapUpAsync(task.Id, ["RESOLVED", "REFUND"], "Refund issued.");

        Assert.Equal((AgentTaskStatus.Closed, AgentTaskEndReason.Completed), (closedTask.State, closedTask.EndReason));
        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(
            [ConversationStatus.Created, ConversationStatus.Active, ConversationStatus.WrapUp, ConversationStatus.Closing, ConversationStatus.Closed],
            conversation.StateHistory.Select(h => h.State));
        var row = fixture.SiloService<InMemoryReportingStore>().FindAgentTask(task.Id);
        Assert.Equal(["RESOLVED", "REFUND"], row!.WrapUpCodes);
        Assert.Equal("Refund issued.", row.WrapUpNotes);
        Assert.NotNull(row.OfferedAt);
        Assert.NotNull(row.AnsweredAt);
        Assert.NotNull(row.WrapUpStartedAt);
        Assert.True(row.EndedAt >= row.WrapUpStartedAt);
    }

    [Fact]
    public async Task WrapUp_NotSubmittedInTime_TaskClosesWithWrapUpTimeout()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var (agent, task, accepted) = await AgentInConversationAsync(c => c with { WrapUpTimeoutSeconds = 60 });
        await _given.CustomerLeftAsync(accepted.Channel, accepted.Customer);

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));

        var ended = await Eventually.MatchesAsync(() => _given.Task(task.Id).GetAsync(), t => t!.State == AgentTaskStatus.Closed, "the task to close");
        Assert.Equal(AgentTaskEndReason.WrapUpTimeout, ended!.EndReason);
        await Eventually.MatchesAsync(() => agent.GetAsync(), a => a!.Tasks.Count == 0, "the agent to hold no task");
        await Eventually.MatchesAsync(() => _given.ConversationAsync(accepted.ConversationId), c => c.State == ConversationStatus.Closed, "the conversation to close");
        Assert.Equal(AgentTaskEndReason.WrapUpTimeout, fixture.SiloService<InMemoryReportingStore>().FindAgentTask(task.Id)!.EndReason);
    }

    [Fact]
    public async Task Customer_LeavesWhileAgentIn_NoWrapUp_CustomerLeftThenClosed()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var (agent, task, accepted) = await AgentInConversationAsync();

        await _given.CustomerLeftAsync(accepted.Channel, accepted.Customer);

        var conversation = await Eventually.MatchesAsync(
            () => _given.ConversationAsync(accepted.ConversationId), c => c.State == ConversationStatus.Closed, "the conversation to close");
        Assert.Equal(
            [ConversationStatus.Created, ConversationStatus.Active, ConversationStatus.CustomerLeft, ConversationStatus.Closing, ConversationStatus.Closed],
            conversation.StateHistory.Select(h => h.State));
        Assert.Equal(AgentTaskEndReason.CustomerLeft, (await _given.Task(task.Id).GetAsync())!.EndReason);
        await Eventually.MatchesAsync(() => agent.GetAsync(), a => a!.Tasks.Count == 0, "the agent to hold no task");
    }

    [Fact]
    public async Task Customer_LeavesBeforeAnyoneAnswers_TaskAbandoned()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone, "agent");
        var taskId = (await _given.ActivitiesAsync(accepted.ConversationId)).Single(a => a.Kind == ActivityKind.AgentRequested).Data!["taskId"];

        await _given.CustomerLeftAsync(channel, phone);

        var task = await _given.Task(taskId).GetAsync();
        Assert.Equal((AgentTaskStatus.Abandoned, AgentTaskEndReason.Abandoned), (task!.State, task.EndReason));
        Assert.Empty(await fixture.Grains.GetGrain<IRouterGrain>(GrainKeys.Router(type)).GetQueueAsync());
        Assert.Equal(ConversationStatus.Closed, (await _given.ConversationAsync(accepted.ConversationId)).State);
        Assert.NotNull(fixture.SiloService<InMemoryReportingStore>().FindAgentTask(taskId));
    }

    [Fact]
    public async Task AgentAndCustomer_Talk_AgentMessageGoesToTheConnectorAndCustomerMessageReachesTheAgent()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var (agent, task, accepted) = await AgentInConversationAsync();
        var desk = new RecordingDesk();
        await agent.SubscribeAsync(fixture.Grains.CreateObjectReference<IAgentObserver>(desk));

        var sequence = await agent.SendMessageAsync(task.Id, "Hi, I'm Alice from support.", null);
        await _given.PostAsync(accepted.Channel, accepted.Customer, "Hi Alice, my parcel is lost");

        Assert.Contains(fixture.Delivered.To(accepted.ConversationId), d =>
            d.Message is { From: "AGENT", Text: "Hi, I'm Alice from support." } && d.Message.Sequence == sequence && d.Message.ChannelSessionId == accepted.ChannelSessionId);
        var seen = await Eventually.MatchesAsync(() => desk.Events, e => e.Any(x => x.Activity?.Text == "Hi Alice, my parcel is lost"), "the desk to show the customer's message");
        Assert.Contains(seen, e => e.Kind == AgentEventKind.Message && e.Activity!.Text == "Hi Alice, my parcel is lost");
    }

    [Fact]
    public async Task Agent_SecondAgentTaskIsNotRequested_WhileOneIsOpen()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var (_, _, accepted) = await AgentInConversationAsync();

        await _given.PostAsync(accepted.Channel, accepted.Customer, "agent agent agent");

        Assert.Single(await _given.ActivitiesAsync(accepted.ConversationId), a => a.Kind == ActivityKind.AgentRequested);
    }

    [Fact]
    public async Task AgentAndTask_DeactivatedAndReactivated_KeepTheirStateAndCarryOn()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var (agent, task, accepted) = await AgentInConversationAsync(c => c with { WrapUpTimeoutSeconds = 300 });
        var agentBefore = await agent.GetAsync();
        var taskBefore = await _given.Task(task.Id).GetAsync();

        await fixture.DeactivateAllGrainsAsync();

        Assert.Equal(Builders.Json(agentBefore), Builders.Json(await agent.GetAsync()));
        Assert.Equal(Builders.Json(taskBefore), Builders.Json(await _given.Task(task.Id).GetAsync()));
        var sequence = await agent.SendMessageAsync(task.Id, "Still here after a restart.", null);
        Assert.Contains(fixture.Delivered.To(accepted.ConversationId), d => d.Message.Sequence == sequence);
        Assert.Equal(AgentTaskStatus.WrapUp, (await agent.LeaveAsync(task.Id)).State);
    }

    [Fact]
    public async Task Customer_ReturnsDuringWrapUp_AgentCanStillAnswer()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var (agent, task, accepted) = await AgentInConversationAsync(c => c with { WrapUpTimeoutSeconds = 300 });
        await _given.CustomerLeftAsync(accepted.Channel, accepted.Customer);
        await Eventually.MatchesAsync(() => agent.GetAsync(), a => a!.Tasks.Single().State == AgentTaskStatus.WrapUp, "the agent's task to be in wrap-up");

        var back = await _given.PostAsync(accepted.Channel, accepted.Customer, "one more question");
        var sequence = await agent.SendMessageAsync(task.Id, "Sure, go ahead.", null);

        Assert.Equal(ConversationStatus.Active, (await _given.ConversationAsync(accepted.ConversationId)).State);
        Assert.Contains(fixture.Delivered.To(accepted.ConversationId), d => d.Message.Sequence == sequence && d.Message.ChannelSessionId == back.ChannelSessionId);
    }

    [Fact]
    public async Task Agent_JoiningAConversationTheCustomerLeft_IsNotJoined()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);
        await _given.CustomerLeftAsync(channel, phone);

        var joined = await fixture.Grains.GetGrain<IConversationGrain>(accepted.ConversationId).AgentJoinedAsync("late-agent", "task-late");

        Assert.False(joined);
        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(ConversationStatus.Closed, conversation.State);
        Assert.DoesNotContain(conversation.Participants, p => p.Id == "late-agent");
    }

    [Fact]
    public async Task Agent_ComingWithATaskTheConversationDoesNotTrack_IsNotJoined()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var (_, _, accepted) = await AgentInConversationAsync();

        var joined = await fixture.Grains.GetGrain<IConversationGrain>(accepted.ConversationId).AgentJoinedAsync("stray-agent", GrainKeys.NewAgentTaskId());

        Assert.False(joined);
        Assert.DoesNotContain((await _given.ConversationAsync(accepted.ConversationId)).Participants, p => p.Id == "stray-agent");
    }

    private async Task<(IAgentGrain Agent, AgentTaskView Task, Started Accepted)> AgentInConversationAsync(Func<Channel, Channel>? customize = null)
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type, customize: customize);
        var agent = await _given.AgentAsync(type);
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone, "I need a human");
        var offer = await Builders.OfferToAsync(agent);
        var task = await agent.AcceptAsync(offer.TaskId);
        Assert.Equal(ConversationStatus.Active, (await _given.ConversationAsync(accepted.ConversationId)).State);
        return (agent, task, new Started(channel, phone, accepted.ConversationId, accepted.ChannelSessionId));
    }

    private sealed record Started(Channel Channel, string Customer, string ConversationId, string ChannelSessionId);

    private sealed class RecordingDesk : IAgentObserver
    {
        private readonly List<AgentEvent> _events = [];

        public IReadOnlyList<AgentEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public Task OnAgentEventAsync(AgentEvent agentEvent)
        {
            lock (_events)
            {
                _events.Add(agentEvent);
            }

            return Task.CompletedTask;
        }
    }
}
