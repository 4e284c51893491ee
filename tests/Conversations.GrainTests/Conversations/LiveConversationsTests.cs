using Conversations.Channels;
using Conversations.Conversations;
using Conversations.GrainTests.Foundation;
using Conversations.Testing;

namespace Conversations.GrainTests.Conversations;

/// <summary>The supervisors' list of live conversations follows each conversation from its first message to Closed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveConversationsTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Conversation_StartsGetsAnAgentAndCloses_IsListedWithItsStateAndAgentThenTakenOut()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default with { CloseSessionWhenAgentsLeave = true });
        var type = Builders.NewTypeCode();
        var channel = await _given.ChannelAsync(type);
        var agent = await _given.AgentAsync(type);
        var agentId = (await agent.GetAsync())!.Id;

        var accepted = await _given.PostAsync(channel, Builders.NewPhone(), "I need a human");

        var waiting = await ListedAsync(accepted.ConversationId, c => c?.OpenTaskId is not null, "the conversation listed with its open task");
        Assert.Equal((ConversationStatus.Created, channel.ServiceIdentifier), (waiting!.State, waiting.ServiceIdentifier));
        Assert.Empty(waiting.AgentIds);

        var offer = await Builders.OfferToAsync(agent);
        await agent.AcceptAsync(offer.TaskId);
        var active = await ListedAsync(accepted.ConversationId, c => c?.State == ConversationStatus.Active, "the conversation listed as active");
        Assert.Equal([agentId], active!.AgentIds);

        await agent.LeaveAsync(offer.TaskId);
        await ListedAsync(accepted.ConversationId, c => c is null, "the closed conversation taken off the list");
    }

    [Fact]
    public async Task Book_StoredWhenItsGrainStops_ListsTheConversationAfterReloading()
    {
        var channel = await _given.ChannelAsync(Builders.NewTypeCode());
        var accepted = await _given.PostAsync(channel, Builders.NewPhone(), "Hello");
        await ListedAsync(accepted.ConversationId, c => c is not null, "the new conversation listed");

        await fixture.DeactivateAllGrainsAsync();

        var book = fixture.Grains.GetGrain<ILiveConversationsGrain>(LiveConversationBook.ShardOf(accepted.ConversationId));
        Assert.Contains(await book.ListAsync(), c => c.ConversationId == accepted.ConversationId);
    }

    private Task<LiveConversation?> ListedAsync(string conversationId, Func<LiveConversation?, bool> condition, string what) =>
        Eventually.MatchesAsync(async () => (await LiveConversationBooks.ListAllAsync(fixture.Grains)).SingleOrDefault(c => c.ConversationId == conversationId), condition, what);
}
