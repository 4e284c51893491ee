using Conversations.Agents;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.GrainTests.Foundation;
using Conversations.Testing;

namespace Conversations.GrainTests.Agents;

[Collection(ClusterCollection.Name)]
public sealed class ReassignTests(ClusterFixture fixture)
{
    private const string Supervisor = "sue";

    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task QueuedPushTask_ReassignedToAReadyAgent_IsOfferedToThemAndLeavesTheQueue()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var bob = await _given.AgentAsync(type);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        // Bob turned it down, so the router keeps it waiting although bob is ready.
        var declined = await bob.RejectAsync((await Builders.OfferToAsync(bob)).TaskId);
        await Eventually.MatchesAsync(() => Router(type).GetQueueAsync(), q => q.Count == 1, "the task to wait on the router");

        var reassigned = await bob.ReceiveReassignedAsync(declined.Id, Supervisor);

        Assert.Equal((AgentTaskStatus.Offered, (await bob.GetAsync())!.Id), (reassigned.State, reassigned.AgentId));
        Assert.Equal(declined.Id, (await Builders.OfferToAsync(bob)).TaskId);
        Assert.Empty(await Router(type).GetQueueAsync());
        Assert.Equal(new AgentTaskStateChange(AgentTaskStatus.Offered, fixture.Clock.GetUtcNow(), reassigned.AgentId, Supervisor), reassigned.History[^1]);
    }

    [Fact]
    public async Task OfferedTask_ReassignedToAnotherAgent_MovesThereAndTheFirstAgentIsFreeAndReadyAgain()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var alice = await _given.AgentAsync(type);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var bob = await _given.AgentAsync(type);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var offer = await Builders.OfferToAsync(alice);

        await bob.ReceiveReassignedAsync(offer.TaskId, Supervisor);

        Assert.Equal(offer.TaskId, (await Builders.OfferToAsync(bob)).TaskId);
        var first = await Eventually.MatchesAsync(() => alice.GetAsync(), a => a!.Tasks.Count == 0, "the offer to be withdrawn from alice");
        Assert.Equal(AgentPresence.Ready, first!.Presence);
        var history = (await _given.Task(offer.TaskId).GetAsync())!.History;
        Assert.Equal([AgentTaskStatus.Queued, AgentTaskStatus.Offered, AgentTaskStatus.Offered], history.Select(h => h.State));
        Assert.Equal(Supervisor, history[^1].By);
        // Alice's slot is free again for the router: the next customer's task is offered to her.
        var next = await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        Assert.Equal(next.ConversationId, (await Builders.OfferToAsync(alice)).ConversationId);
    }

    [Fact]
    public async Task PullListTask_Reassigned_IsOfferedAndLeavesTheListAndComesBackWhenRejected()
    {
        var type = Builders.NewTypeCode();
        var listName = "reassign-" + type;
        var channel = await _given.ChannelAsync(type, customize: c => c with { RoutingMode = RoutingMode.Pull, PullListName = listName });
        var bob = await _given.AgentAsync(type);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var list = fixture.Grains.GetGrain<IPullListGrain>(GrainKeys.PullList(listName));
        var parked = Assert.Single(await list.ListAsync());

        await bob.ReceiveReassignedAsync(parked.TaskId, Supervisor);

        Assert.Equal(parked.TaskId, (await Builders.OfferToAsync(bob)).TaskId);
        Assert.Empty(await list.ListAsync());
        await bob.RejectAsync(parked.TaskId);
        Assert.Equal(parked.TaskId, Assert.Single(await Eventually.MatchesAsync(() => list.ListAsync(), l => l.Count == 1, "the task to be back on its list")).TaskId);
    }

    [Fact]
    public async Task Reassign_AgentWithoutRoom_IsRefusedAndNothingChanges()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var bob = await _given.AgentAsync(type);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var busy = await bob.AcceptAsync((await Builders.OfferToAsync(bob)).TaskId);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var waiting = Assert.Single(await Eventually.MatchesAsync(() => Router(type).GetQueueAsync(), q => q.Count == 1, "the second task to wait"));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bob.ReceiveReassignedAsync(waiting.TaskId, Supervisor));

        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Contains("no free capacity", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(AgentTaskStatus.Queued, (await _given.Task(waiting.TaskId).GetAsync())!.State);
        Assert.Equal(waiting.TaskId, Assert.Single(await Router(type).GetQueueAsync()).TaskId);
        Assert.Equal(busy.Id, Assert.Single((await bob.GetAsync())!.Tasks).TaskId);
    }

    [Fact]
    public async Task ActiveTask_TransferredToAnotherAgent_TheFirstLeavesTheConversationAndTheSecondTakesItOver()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var alice = await _given.AgentAsync(type);
        var bob = await _given.AgentAsync(type, ready: false);
        var accepted = await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var active = await alice.AcceptAsync((await Builders.OfferToAsync(alice)).TaskId);
        var aliceId = active.AgentId!;

        var transferred = await bob.ReceiveReassignedAsync(active.Id, Supervisor);

        Assert.Equal(AgentTaskStatus.Offered, transferred.State);
        await Eventually.MatchesAsync(() => alice.GetAsync(), a => a!.Tasks.Count == 0, "the task to leave alice's hands");
        var conversation = await Eventually.MatchesAsync(
            () => _given.ConversationAsync(accepted.ConversationId),
            c => c.Participants.Any(p => p.Id == aliceId && p.LeftAt is not null),
            "alice to have left the conversation");
        Assert.Equal(ConversationStatus.Active, conversation.State);
        var taken = await bob.AcceptAsync((await Builders.OfferToAsync(bob)).TaskId);
        conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Contains(conversation.Participants, p => p.Id == taken.AgentId && p.LeftAt is null);
        var history = (await _given.Task(active.Id).GetAsync())!.History;
        Assert.Equal([AgentTaskStatus.Queued, AgentTaskStatus.Offered, AgentTaskStatus.Active, AgentTaskStatus.Offered, AgentTaskStatus.Active], history.Select(h => h.State));
        Assert.Equal(Supervisor, history[^2].By);
    }

    [Fact]
    public async Task ActiveTask_ReassignedToItsOwnAgent_IsRefused()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var alice = await _given.AgentAsync(type, slots: 2);
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var active = await alice.AcceptAsync((await Builders.OfferToAsync(alice)).TaskId);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => alice.ReceiveReassignedAsync(active.Id, Supervisor));

        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Contains("already worked by", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(AgentTaskStatus.Active, (await _given.Task(active.Id).GetAsync())!.State);
    }

    [Fact]
    public async Task Reassign_AgentSignedOut_IsRefused()
    {
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var bob = await _given.AgentAsync(type, ready: false);
        await bob.SignOutAsync();
        await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var waiting = Assert.Single(await Eventually.MatchesAsync(() => Router(type).GetQueueAsync(), q => q.Count == 1, "the task to wait"));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bob.ReceiveReassignedAsync(waiting.TaskId, Supervisor));

        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Equal(AgentTaskStatus.Queued, (await _given.Task(waiting.TaskId).GetAsync())!.State);
    }

    private IRouterGrain Router(string type) => fixture.Grains.GetGrain<IRouterGrain>(GrainKeys.Router(type));
}
