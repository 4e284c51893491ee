using Conversations.Agents;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.GrainTests.Foundation;
using Conversations.Testing;

namespace Conversations.GrainTests.Agents;

[Collection(ClusterCollection.Name)]
public sealed class PushRoutingTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Customer_AsksForAnAgent_TaskIsOfferedToTheLongestIdleReadyAgentWhoAccepts()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var longestIdle = await _given.AgentAsync(type);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var recent = await _given.AgentAsync(type);
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone, "Can I talk to an agent?");

        var offer = await Builders.OfferToAsync(longestIdle);
        Assert.Empty((await recent.GetAsync())!.Tasks);
        var task = await longestIdle.AcceptAsync(offer.TaskId);

        Assert.Equal(AgentTaskStatus.Active, task.State);
        Assert.Equal(accepted.ConversationId, task.Spec.ConversationId);
        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(ConversationStatus.Active, conversation.State);
        Assert.Contains(conversation.Participants, p => p.Role == Activities.ParticipantRole.Agent && p.Id == task.AgentId);
        Assert.Contains(fixture.Delivered.To(accepted.ConversationId), d => d.Message.Text == ControllerSettings.Default.HandOverText);
    }

    [Fact]
    public async Task Offer_Rejected_GoesToTheNextAgent()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var first = await _given.AgentAsync(type);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _given.AgentAsync(type);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var offer = await Builders.OfferToAsync(first);

        await first.RejectAsync(offer.TaskId);

        var next = await Builders.OfferToAsync(second);
        Assert.Equal(offer.TaskId, next.TaskId);
        Assert.Empty((await first.GetAsync())!.Tasks);
        var history = (await _given.Task(offer.TaskId).GetAsync())!.History.Select(h => h.State);
        Assert.Equal([AgentTaskStatus.Queued, AgentTaskStatus.Offered, AgentTaskStatus.Rejected, AgentTaskStatus.Queued, AgentTaskStatus.Offered], history);
    }

    [Fact]
    public async Task Offer_NotAnsweredInTime_IsWithdrawnAndRedirectedAndTheSilentAgentIsNotReady()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type, customize: c => c with { OfferTimeoutSeconds = 20 });
        var silent = await _given.AgentAsync(type);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var other = await _given.AgentAsync(type);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var offer = await Builders.OfferToAsync(silent);

        fixture.Clock.Advance(TimeSpan.FromSeconds(21));

        var redirected = await Builders.OfferToAsync(other);
        Assert.Equal(offer.TaskId, redirected.TaskId);
        await Eventually.MatchesAsync(
            () => silent.GetAsync(), a => a!.Tasks.Count == 0 && a.Presence == AgentPresence.NotReady, "the silent agent to lose the offer and be not ready");
        Assert.Contains(AgentTaskStatus.TimedOut, (await _given.Task(offer.TaskId).GetAsync())!.History.Select(h => h.State));
    }

    [Fact]
    public async Task Tasks_NoAgentFree_WaitAndAreHandedOutInArrivalOrder()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var agent = await _given.AgentAsync(type, slots: 1, ready: false);
        var earlier = await _given.PostAsync(channel, Builders.NewPhone(), "agent please");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var later = await _given.PostAsync(channel, Builders.NewPhone(), "agent please");
        Assert.Equal(2, (await fixture.Grains.GetGrain<IRouterGrain>(GrainKeys.Router(type)).GetQueueAsync()).Count);

        await agent.SetPresenceAsync(AgentPresence.Ready);

        var first = await Builders.OfferToAsync(agent);
        Assert.Equal(earlier.ConversationId, first.ConversationId);
        await agent.AcceptAsync(first.TaskId);
        Assert.Single((await agent.GetAsync())!.Tasks);

        await agent.LeaveAsync(first.TaskId);

        var second = await Builders.OfferToAsync(agent);
        Assert.Equal(later.ConversationId, second.ConversationId);
    }

    [Fact]
    public async Task Agent_TwoSlots_GetsTwoConversationsAtOnce()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var agent = await _given.AgentAsync(type, slots: 2);

        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");

        var view = await Eventually.MatchesAsync(() => agent.GetAsync(), a => a!.Tasks.Count == 2, "the agent to hold two tasks");
        Assert.Equal(2, view!.Tasks.Count(t => t.State == AgentTaskStatus.Offered));
    }

    [Fact]
    public async Task Agent_OnACall_GetsNoChatUntilTheCallEnds()
    {
        var voice = Builders.NewTypeCode();
        var web = Builders.NewTypeCode();
        var voiceChannel = await _given.ChannelAsync(voice);
        var webChannel = await _given.ChannelAsync(web);
        var agent = fixture.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent("blended" + Guid.NewGuid().ToString("N")[..8]));
        await agent.SignInAsync(new AgentProfile("Blended agent", new Dictionary<string, int> { [voice] = 1, [web] = 4 }));
        await agent.SetPresenceAsync(AgentPresence.Ready);
        await _given.PostAsync(voiceChannel, Builders.NewPhone(), "agent");
        var call = await agent.AcceptAsync((await Builders.OfferToAsync(agent)).TaskId);

        var chat = await _given.PostAsync(webChannel, Builders.NewPhone(), "agent");

        var waiting = await Eventually.HoldsAsync(
            () => fixture.Grains.GetGrain<IRouterGrain>(GrainKeys.Router(web)).GetQueueAsync(), q => q.Count == 1, "the chat to stay queued while the agent is on the call");
        Assert.Equal(chat.ConversationId, Assert.Single(waiting).ConversationId);
        Assert.Single((await agent.GetAsync())!.Tasks);

        await agent.LeaveAsync(call.Id);

        Assert.Equal(chat.ConversationId, (await Builders.OfferToAsync(agent)).ConversationId);
    }

    [Fact]
    public async Task Offer_TimedOutOnTheOnlyAgent_IsOfferedAgainWhenTheAgentIsReadyAgain()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type, customize: c => c with { OfferTimeoutSeconds = 20 });
        var agent = await _given.AgentAsync(type);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var missed = await Builders.OfferToAsync(agent);
        fixture.Clock.Advance(TimeSpan.FromSeconds(21));
        await Eventually.MatchesAsync(() => agent.GetAsync(), a => a!.Presence == AgentPresence.NotReady && a.Tasks.Count == 0, "the offer to time out and the agent to be not ready");

        await agent.SetPresenceAsync(AgentPresence.Ready);

        Assert.Equal(missed.TaskId, (await Builders.OfferToAsync(agent)).TaskId);
    }
}
