using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversations.Agents;
using Conversations.Conversations;
using Conversations.Gateway.Supervision;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using static Conversations.GatewayTests.Foundation.DeskSteps;

namespace Conversations.GatewayTests.Api;

/// <summary>What the supervisor console reads: waiting work per queue and pull list, the agents, the live conversations.</summary>
[Collection(SystemCollection.Name)]
public sealed class SupervisionTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Supervisor_CustomerAsksForAnAgentNobodyIsReady_SeesTheQueueTheAgentAndTheConversationThenTheOffer()
    {
        var type = "SV" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("supervision-" + type), type, "PHONE");
        var agentId = "sv-agent-" + Guid.NewGuid().ToString("N")[..8];
        using var agent = await SignedInAgentAsync(agentId, type);
        using var supervisor = await system.UserAsync("sv-" + Guid.NewGuid().ToString("N")[..8], "supervisor");

        var accepted = await system.CustomerSaysAsync(channel, "I want an agent please");

        var queue = await Eventually.MatchesAsync(() => QueueAsync(supervisor, type), q => q?.Waiting == 1, "one task waiting on the queue");
        var waiting = Assert.Single(queue!.Tasks);
        Assert.Equal((accepted.ConversationId, waiting.EnqueuedAt), (waiting.ConversationId, queue.OldestEnqueuedAt));
        var conversation = await Eventually.MatchesAsync(
            async () => (await supervisor.GetFromJsonAsync<List<SupervisedConversation>>($"/api/supervision/conversations?channelType={type}", SystemFixture.Json))!
                .SingleOrDefault(c => c.Id == accepted.ConversationId),
            c => c?.OpenTaskId == waiting.TaskId, "the conversation listed with its waiting task");
        Assert.Equal((ConversationStatus.Created, channel.Service, type), (conversation!.State, conversation.ServiceIdentifier, conversation.ChannelTypeCode));
        var listed = await AgentAsync(supervisor, agentId);
        Assert.Equal((true, AgentPresence.NotReady), (listed.Agent!.SignedIn, listed.Agent.Presence));
        Assert.Empty(listed.Load);

        await SucceedAsync(agent.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "READY" }));

        await Eventually.MatchesAsync(() => QueueAsync(supervisor, type), q => q?.Waiting == 0, "the queue to empty once the agent is ready");
        var offered = await Eventually.MatchesAsync(() => AgentAsync(supervisor, agentId), a => a.Load.GetValueOrDefault(type) == 1, "the offer to load the agent");
        Assert.Equal((waiting.TaskId, AgentTaskStatus.Offered), (offered.Agent!.Tasks.Single().TaskId, offered.Agent.Tasks.Single().State));
    }

    [Fact]
    public async Task Supervisor_PullChannel_SeesTheTaskParkedOnItsList()
    {
        var type = "SV" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("supervision-" + type), type, "PHONE");
        var list = "sv-list-" + Guid.NewGuid().ToString("N")[..8];
        var config = (await system.Http.GetFromJsonAsync<JsonObject>($"/api/admin/channels/{channel.Service}"))!;
        (config["routingMode"], config["pullListName"]) = ("PULL", list);
        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/channels/{channel.Service}", config));

        var accepted = await system.CustomerSaysAsync(channel, "A human, please");

        var parked = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<WaitingWork>("/api/supervision/queues", SystemFixture.Json))!.Lists.SingleOrDefault(l => l.Name == list),
            l => l?.Waiting == 1, "the task parked on the pull list");
        Assert.Equal(accepted.ConversationId, parked!.Tasks.Single().ConversationId);
    }

    [Theory]
    [InlineData("/api/supervision/queues")]
    [InlineData("/api/supervision/agents")]
    [InlineData("/api/supervision/conversations")]
    public async Task Supervision_AsAgentOrAnonymous_IsForbiddenOrUnauthorized(string path)
    {
        using var agent = await system.UserAsync("sv-agent-" + Guid.NewGuid().ToString("N")[..8], "agent");

        var asAgent = await agent.GetAsync(path);
        var anonymous = await system.Anonymous.GetAsync(path);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (asAgent.StatusCode, anonymous.StatusCode));
        Assert.Equal("application/problem+json", asAgent.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<WaitingLine?> QueueAsync(HttpClient supervisor, string type) =>
        (await supervisor.GetFromJsonAsync<WaitingWork>("/api/supervision/queues", SystemFixture.Json))!.Queues.SingleOrDefault(q => q.Name == type);

    private static async Task<SupervisedAgent> AgentAsync(HttpClient supervisor, string agentId) =>
        (await supervisor.GetFromJsonAsync<List<SupervisedAgent>>("/api/supervision/agents", SystemFixture.Json))!.Single(a => a.Id == agentId);

    private async Task<HttpClient> SignedInAgentAsync(string agentId, string type)
    {
        var agent = await system.UserAsync(agentId, "agent");
        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = agentId, capacity = new Dictionary<string, int> { [type] = 1 } }));
        return agent;
    }
}
