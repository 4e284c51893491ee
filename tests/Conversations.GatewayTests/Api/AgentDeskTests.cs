using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Agents;
using Conversations.GatewayTests.Foundation;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using Conversations.Inbound;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

[Collection(SystemCollection.Name)]
public sealed class AgentDeskTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Presence_NotReadyForAReasonNotConfigured_IsRefusedNamingIt()
    {
        var (agentId, agent) = await system.ReadyAgentAsync("NR" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var reasons = await agent.GetFromJsonAsync<string[]>("/api/not-ready-reasons");

        var refused = await agent.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "NOT_READY", reason = "Gardening" });
        var taken = await agent.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "NOT_READY", reason = reasons![0] });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("reason", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    [Fact]
    public async Task EventStream_OfferAndMessagesLive_ThenReconnectWithLastIdReplaysExactlyWhatWasMissed()
    {
        var type = "D" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var service = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("desk"), type, "PHONE");
        var agentId = "desk-" + Guid.NewGuid().ToString("N")[..8];
        using var agent = await system.UserAsync(agentId, "agent");
        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = "Alice", capacity = new Dictionary<string, int> { [type] = 2 } }));
        await SucceedAsync(agent.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "READY" }));
        var phone = "+49157" + Random.Shared.Next(1_000_000, 9_999_999);

        string lastId;
        string conversationId;
        await using (var desk = await EventStream.OpenAsync(agent, $"/api/agents/{agentId}/events"))
        {
            Assert.Equal("agent", (await desk.NextAsync()).Name);
            conversationId = (await system.CustomerSaysAsync(service, "I want an agent", phone)).ConversationId;

            var offer = await desk.NextNamedAsync("offer");
            var taskId = offer.Data.GetProperty("taskId").GetString()!;
            Assert.Equal(conversationId, offer.Data.GetProperty("conversationId").GetString());
            await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));

            await system.CustomerSaysAsync(service, "hello?", phone);
            var live = await desk.NextNamedAsync("message");
            Assert.Equal("hello?", live.Data.GetProperty("text").GetString());
            lastId = live.Id!;
            Assert.StartsWith(conversationId + ":", lastId);
        }

        await system.CustomerSaysAsync(service, "are you there?", phone);
        await system.CustomerSaysAsync(service, "my order number is 4711", phone);

        await using (var desk = await EventStream.OpenAsync(agent, $"/api/agents/{agentId}/events", lastId))
        {
            Assert.Equal("agent", (await desk.NextAsync()).Name);
            var missed = new[] { await desk.NextAsync(), await desk.NextAsync() };
            Assert.Equal(["message", "message"], missed.Select(m => m.Name));
            Assert.Equal(["are you there?", "my order number is 4711"], missed.Select(m => m.Data.GetProperty("text").GetString()));

            await system.CustomerSaysAsync(service, "thanks", phone);
            var next = await desk.NextAsync();
            Assert.Equal(("message", "thanks"), (next.Name, next.Data.GetProperty("text").GetString()));
        }
    }

    [Fact]
    public async Task Agent_WorksAConversationOverHttp_MessageDeliveredAndWrapUpRecorded()
    {
        var type = "H" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var hook = "agent-http-" + type;
        var service = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook), type, "PHONE");
        var agentId = "http-" + Guid.NewGuid().ToString("N")[..8];
        using var agent = await system.UserAsync(agentId, "agent");
        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = "Bob", capacity = new Dictionary<string, int> { [type] = 1 } }));
        await SucceedAsync(agent.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "READY" }));
        var phone = "+49158" + Random.Shared.Next(1_000_000, 9_999_999);
        var conversationId = (await system.CustomerSaysAsync(service, "human please", phone)).ConversationId;
        var taskId = await system.OfferedTaskAsync(agentId);

        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));
        var sent = await agent.PostAsJsonAsync($"/api/agents/{agentId}/tasks/{taskId}/messages", new { text = "Bob here, how can I help?" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/leave", null));

        var task = await system.Http.GetFromJsonAsync<AgentTaskView>($"/api/tasks/{taskId}", SystemFixture.Json);
        Assert.Equal((AgentTaskStatus.Closed, AgentTaskEndReason.Completed, conversationId), (task!.State, task.EndReason, task.Spec.ConversationId));
        var delivered = await Eventually.MatchesAsync(
            () => system.Connector.To(hook), d => d.Any(x => x.Body.GetProperty("from").GetString() == "AGENT"), "the agent's message to reach the connector");
        Assert.Contains(delivered, d => d.Body.GetProperty("text").GetString() == "Bob here, how can I help?" && d.Body.GetProperty("senderId").GetString() == agentId);
        var conflict = await agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null);
        Assert.Equal(HttpStatusCode.NotFound, conflict.StatusCode);
    }

    [Fact]
    public async Task OtherAgent_CannotReadOrActOnAnAgentsTaskFeedOrConversation_TheAgentItselfCan()
    {
        var type = "X" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var service = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("apart"), type, "PHONE");
        var (bobId, malloryId) = ("bob-" + Guid.NewGuid().ToString("N")[..8], "mallory-" + Guid.NewGuid().ToString("N")[..8]);
        using var bob = await system.UserAsync(bobId, "agent");
        using var mallory = await system.UserAsync(malloryId, "agent");
        await SucceedAsync(bob.PostAsJsonAsync($"/api/agents/{bobId}/sign-in", new { name = "Bob", capacity = new Dictionary<string, int> { [type] = 1 } }));
        await SucceedAsync(bob.PutAsJsonAsync($"/api/agents/{bobId}/presence", new { presence = "READY" }));
        await SucceedAsync(mallory.PostAsJsonAsync($"/api/agents/{malloryId}/sign-in", new { name = "Mallory", capacity = new Dictionary<string, int> { ["OTHER"] = 1 } }));
        var conversationId = (await system.CustomerSaysAsync(service, "agent please", "+49155" + Random.Shared.Next(1_000_000, 9_999_999))).ConversationId;
        var taskId = await system.OfferedTaskAsync(bobId);

        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.PostAsync($"/api/agents/{bobId}/tasks/{taskId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync($"/api/agents/{bobId}/events")).StatusCode);
        Assert.Equal(AgentTaskStatus.Offered, (await bob.GetFromJsonAsync<AgentTaskView>($"/api/tasks/{taskId}", SystemFixture.Json))!.State);
        await SucceedAsync(bob.PostAsync($"/api/agents/{bobId}/tasks/{taskId}/accept", null));

        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/conversations/{conversationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/conversations/{conversationId}/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync($"/api/conversations/{conversationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync($"/api/conversations/{conversationId}/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.PostAsJsonAsync($"/api/agents/{bobId}/tasks/{taskId}/messages", new { text = "Hi, Bob here (not)." })).StatusCode);
        Assert.True((await mallory.PostAsJsonAsync($"/api/agents/{malloryId}/tasks/{taskId}/messages", new { text = "Hi, Mallory here." })).StatusCode
            is HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.BadRequest);
        var activities = await bob.GetStringAsync($"/api/conversations/{conversationId}/activities");
        Assert.DoesNotContain("Mallory here", activities);
        Assert.DoesNotContain("Bob here (not)", activities);
    }

    [Fact]
    public async Task EventStream_CursorNamingSomeoneElsesConversation_IsRefused()
    {
        var type = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var service = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("cursor"), type, "PHONE");
        var agentId = "curious-" + Guid.NewGuid().ToString("N")[..8];
        using var agent = await system.UserAsync(agentId, "agent");
        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = "Eve", capacity = new Dictionary<string, int> { [type] = 1 } }));
        var conversationId = (await system.CustomerSaysAsync(service, "hello", "+49159" + Random.Shared.Next(1_000_000, 9_999_999))).ConversationId;

        var response = await agent.GetAsync($"/api/agents/{agentId}/events?after={conversationId}:0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Agent_Unknown_EventsAndStateAreNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync("/api/agents/nobody-here")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync("/api/agents/nobody-here/events")).StatusCode);
    }
}
