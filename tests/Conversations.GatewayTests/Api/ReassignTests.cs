using System.Net;
using System.Net.Http.Json;
using Conversations.Agents;
using Conversations.GatewayTests.Foundation;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

[Collection(SystemCollection.Name)]
public sealed class ReassignTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Reassign_BySupervisor_OffersTheTaskToTheNamedAgent_AgentsAreForbidden()
    {
        var type = "R" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var service = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("reassign-" + type), type, "PHONE");
        var aliceId = "first-" + Guid.NewGuid().ToString("N")[..8];
        var bobId = "chosen-" + Guid.NewGuid().ToString("N")[..8];
        var supervisorId = "sup-" + Guid.NewGuid().ToString("N")[..8];
        using var alice = await SignedInAgentAsync(aliceId, type, ready: true);
        using var bob = await SignedInAgentAsync(bobId, type, ready: false);
        using var supervisor = await system.UserAsync(supervisorId, "supervisor");
        await system.CustomerSaysAsync(service, "I want an agent");
        var taskId = await system.OfferedTaskAsync(aliceId);

        await using var desk = await EventStream.OpenAsync(bob, $"/api/agents/{bobId}/events");
        Assert.Equal("agent", (await desk.NextAsync()).Name);
        var byAgent = await bob.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { agentId = bobId });
        var bySupervisor = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { agentId = bobId });

        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.True(bySupervisor.StatusCode == HttpStatusCode.OK, $"{(int)bySupervisor.StatusCode}: {await bySupervisor.Content.ReadAsStringAsync()}");
        var task = (await system.ReadAsync<AgentTaskView>(bySupervisor))!;
        Assert.Equal((AgentTaskStatus.Offered, bobId), (task.State, task.AgentId));
        Assert.Equal((bobId, supervisorId), (task.History[^1].AgentId, task.History[^1].By));
        var offer = await desk.NextNamedAsync("offer");
        Assert.Equal(taskId, offer.Data.GetProperty("taskId").GetString());
        await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{aliceId}", SystemFixture.Json))!,
            a => a.Tasks.Count == 0,
            "the offer to be withdrawn from the first agent");
    }

    [Fact]
    public async Task Reassign_UnknownAgentOrTaskOrToTheAgentWorkingIt_IsNotFoundOrConflict()
    {
        var type = "R" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var service = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("reassign-" + type), type, "PHONE");
        var aliceId = "first-" + Guid.NewGuid().ToString("N")[..8];
        var bobId = "chosen-" + Guid.NewGuid().ToString("N")[..8];
        using var alice = await SignedInAgentAsync(aliceId, type, ready: true);
        using var bob = await SignedInAgentAsync(bobId, type, ready: false);
        await system.CustomerSaysAsync(service, "I want an agent");
        var taskId = await system.OfferedTaskAsync(aliceId);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/api/agents/{aliceId}/tasks/{taskId}/accept", null)).StatusCode);

        var unknownAgent = await system.Http.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { agentId = "nobody-" + Guid.NewGuid().ToString("N")[..8] });
        var unknownTask = await system.Http.PostAsJsonAsync("/api/tasks/task-00000000000000000000000000000000/reassign", new { agentId = bobId });
        var inHand = await system.Http.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { agentId = aliceId });

        Assert.Equal(HttpStatusCode.NotFound, unknownAgent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownTask.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inHand.StatusCode);
        Assert.Equal("application/problem+json", inHand.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"already worked by agent {aliceId}", await inHand.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAgentAsync(string agentId, string type, bool ready)
    {
        var agent = await system.UserAsync(agentId, "agent");
        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = agentId, capacity = new Dictionary<string, int> { [type] = 1 } }));
        if (ready)
        {
            await SucceedAsync(agent.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "READY" }));
        }

        return agent;
    }
}
