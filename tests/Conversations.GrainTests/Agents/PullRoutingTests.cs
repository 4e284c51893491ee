using Conversations.Agents;
using Conversations.Channels;
using Conversations.GrainTests.Foundation;
using Conversations.Testing;

namespace Conversations.GrainTests.Agents;

[Collection(ClusterCollection.Name)]
public sealed class PullRoutingTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task PullChannel_Task_IsParkedOnItsListAndTwoAgentsRacing_ExactlyOneWins()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var type = Builders.NewTypeCode();
        var listName = "billing-" + type;
        var channel = await _given.ChannelAsync(type, customize: c => c with { RoutingMode = RoutingMode.Pull, PullListName = listName });
        var alice = await _given.AgentAsync(type);
        var bob = await _given.AgentAsync(type);
        var accepted = await _given.PostAsync(channel, Builders.NewPhone(), "agent");
        var list = fixture.Grains.GetGrain<IPullListGrain>(GrainKeys.PullList(listName));
        var parked = Assert.Single(await list.ListAsync());
        Assert.Equal(accepted.ConversationId, parked.ConversationId);
        Assert.Empty((await alice.GetAsync())!.Tasks);

        var race = await Task.WhenAll(Attempt(alice, parked.TaskId), Attempt(bob, parked.TaskId));

        Assert.Single(race, r => r.Won);
        Assert.Single(race, r => r.Error?.Kind == DomainErrorKind.Conflict);
        var winner = race.Single(r => r.Won).Agent;
        Assert.Equal(AgentTaskStatus.Active, Assert.Single((await winner.GetAsync())!.Tasks).State);
        Assert.Empty(await Eventually.MatchesAsync(() => list.ListAsync(), l => l.Count == 0));
        Assert.Equal(global::Conversations.Conversations.ConversationStatus.Active, (await _given.ConversationAsync(accepted.ConversationId)).State);
    }

    private static async Task<(IAgentGrain Agent, bool Won, DomainException? Error)> Attempt(IAgentGrain agent, string taskId)
    {
        try
        {
            await agent.PullAsync(taskId);
            return (agent, true, null);
        }
        catch (DomainException e)
        {
            return (agent, false, e);
        }
    }
}
