using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using static Conversations.GatewayTests.Foundation.DeskSteps;

namespace Conversations.GatewayTests.Api;

[Collection(SystemCollection.Name)]
public sealed class ReportTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task AgentTasks_AnAnsweredTaskAndOneOfferedButNotTaken_ShowInTheReportByChannelTypeAndByAgent()
    {
        var type = "R" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("report-" + type), type, "PHONE");
        var (agentId, agent) = await system.ReadyAgentAsync(type);
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await system.CustomerSaysAsync(channel, "I want an agent");
        var taskId = await system.OfferedTaskAsync(agentId);
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/leave", null));
        // The second customer's task is offered to the same agent, who does not take it before the customer leaves.
        var phone = "+49162" + Random.Shared.Next(1_000_000, 9_999_999);
        await system.CustomerSaysAsync(channel, "agent please", phone);
        Assert.NotEqual(taskId, await system.OfferedTaskAsync(agentId));
        await SucceedAsync(channel.Connector.PostAsJsonAsync("/api/connector/events", new
        {
            serviceIdentifier = channel.Service, customerChannelIdentifier = phone, type = "CUSTOMER_LEFT",
        }));
        var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}";

        var byType = await Eventually.MatchesAsync(
            () => ReportAsync($"{range}&by=CHANNEL_TYPE"), r => Row(r, type) is { } row && row.GetProperty("tasks").GetInt32() == 2,
            "both tasks of the channel type in the report");
        var byAgent = await ReportAsync($"{range}&by=AGENT&serviceLevelSeconds=60");

        var typeRow = Row(byType, type)!.Value;
        Assert.Equal((2, 1, 1), (typeRow.GetProperty("tasks").GetInt32(), typeRow.GetProperty("answered").GetInt32(), typeRow.GetProperty("unanswered").GetInt32()));
        Assert.Equal("CHANNEL_TYPE", byType.GetProperty("query").GetProperty("by").GetString());
        // The offer not taken is nobody's work: the agent answered one task, within the minute.
        var agentRow = Row(byAgent, agentId)!.Value;
        Assert.Equal((1, 1, 1, 1m), (agentRow.GetProperty("tasks").GetInt32(), agentRow.GetProperty("answered").GetInt32(),
            agentRow.GetProperty("answeredWithinServiceLevel").GetInt32(), agentRow.GetProperty("serviceLevel").GetDecimal()));
        Assert.True(agentRow.GetProperty("averageHandleSeconds").GetDecimal() >= 0);
        Assert.True(byAgent.GetProperty("total").GetProperty("tasks").GetInt32() >= 2);
    }

    [Fact]
    public async Task AgentTasks_ForAgents_IsForbidden_AndABadQueryNamesItsField()
    {
        var (_, agent) = await system.ReadyAgentAsync("RPT" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant());
        const string Range = "from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z";

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/reports/agent-tasks?{Range}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Anonymous.GetAsync($"/api/reports/agent-tasks?{Range}")).StatusCode);
        await AssertFieldAsync("to=2026-11-02T00:00:00Z", "from");
        await AssertFieldAsync("from=11/01/2026&to=2026-11-02T00:00:00Z", "from");
        await AssertFieldAsync("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to");
        await AssertFieldAsync("from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to");
        await AssertFieldAsync($"{Range}&by=QUEUE", "by");
        await AssertFieldAsync($"{Range}&serviceLevelSeconds=0", "serviceLevelSeconds");
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync($"/api/reports/agent-tasks?{Range}&by=service")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync("/api/reports/agent-tasks?from=2026-11-01&to=2026-11-02T08:00%2B01:00")).StatusCode);
    }

    private async Task<JsonElement> ReportAsync(string query)
    {
        var response = await system.Http.GetAsync($"/api/reports/agent-tasks?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement? Row(JsonElement report, string key) =>
        report.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("key").GetString() == key).Cast<JsonElement?>().SingleOrDefault();

    private async Task AssertFieldAsync(string query, string field)
    {
        var response = await system.Http.GetAsync($"/api/reports/agent-tasks?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {body}");
        Assert.Contains(field, JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
