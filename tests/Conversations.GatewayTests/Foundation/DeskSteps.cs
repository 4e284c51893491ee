using System.Net;
using System.Net.Http.Json;
using Conversations.Agents;
using Conversations.Inbound;
using Conversations.Testing;

namespace Conversations.GatewayTests.Foundation;

/// <summary>Steps the desk, routing and sign-in tests share: a call that must succeed, a customer writing, an offer arriving.</summary>
internal static class DeskSteps
{
    /// <summary>Fails the test with the gateway's answer unless the call succeeded.</summary>
    public static async Task SucceedAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The customer (a new phone number unless one is given) writes on the channel through its connector.</summary>
    public static async Task<InboundAccepted> CustomerSaysAsync(this SystemFixture system, ConnectorChannel channel, string text, string? phone = null)
    {
        var response = await channel.Connector.PostAsJsonAsync("/api/connector/messages", new
        {
            serviceIdentifier = channel.Service,
            customerChannelIdentifier = phone ?? "+49156" + Random.Shared.Next(1_000_000, 9_999_999),
            connectorMessageId = Guid.NewGuid().ToString(),
            text,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await system.ReadAsync<InboundAccepted>(response);
    }

    /// <summary>A new agent user, signed in for <paramref name="slots"/> tasks of the channel type and ready, with its own client.</summary>
    public static async Task<(string AgentId, HttpClient Agent)> ReadyAgentAsync(this SystemFixture system, string channelType, int slots = 1)
    {
        var agentId = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var agent = await system.UserAsync(agentId, "agent");
        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = "Fiona", capacity = new Dictionary<string, int> { [channelType] = slots } }));
        await SucceedAsync(agent.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "READY" }));
        return (agentId, agent);
    }

    /// <summary>Waits for the agent to be offered a task and names it.</summary>
    public static async Task<string> OfferedTaskAsync(this SystemFixture system, string agentId)
    {
        var agent = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{agentId}", SystemFixture.Json))!,
            a => a.Tasks.Any(t => t.State == AgentTaskStatus.Offered),
            "the agent to be offered a task");
        return agent.Tasks.Single(t => t.State == AgentTaskStatus.Offered).TaskId;
    }
}
