using System.Net.Http.Json;
using Conversations.Agents;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using Microsoft.Playwright;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using static Microsoft.Playwright.Assertions;

namespace Conversations.GatewayTests.Browser;

/// <summary>The supervisor console in a real browser: queues growing and shrinking, agents, a conversation read live, a reassignment.</summary>
[Collection(SystemCollection.Name)]
public sealed class SupervisorConsoleBrowserTests(SystemFixture system, Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly Admin _admin = new(system);
    private readonly List<HttpClient> _agents = [];
    private readonly StaffBrowser _staff = new(system, chromium);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _agents.ForEach(a => a.Dispose());
        await _staff.DisposeAsync();
    }

    [Fact]
    public async Task Supervisor_SeesTheQueueGrowAndShrink_ReadsAConversationLive_AndReassignsATask()
    {
        var type = "SV" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("console-" + type), type, "PHONE");
        var (annId, benId) = ("ann-" + Guid.NewGuid().ToString("N")[..8], "ben-" + Guid.NewGuid().ToString("N")[..8]);
        await SignedInAgentAsync(annId, "Ann", type);
        var ben = await SignedInAgentAsync(benId, "Ben", type);
        await SucceedAsync(ben.PutAsJsonAsync($"/api/agents/{benId}/presence", new { presence = "NOT_READY", reason = "Training" }));
        var page = await SignedInConsoleAsync();
        await page.GetByLabel("Channel type").SelectOptionAsync(type);
        var queue = page.Locator($"#queues tr[data-queue='{type}'] td").Nth(2);

        var phone = "+49157" + Random.Shared.Next(1_000_000, 9_999_999);
        var first = await system.CustomerSaysAsync(channel, "I need an agent, my parcel is lost");
        await Expect(queue).ToHaveTextAsync("1");
        var second = await system.CustomerSaysAsync(channel, "Can a human help me with a refund?", phone);
        await Expect(queue).ToHaveTextAsync("2");
        await Expect(page.Locator($"#agents tr[data-agent='{annId}']")).ToContainTextAsync("not ready");
        await Expect(page.Locator($"#agents tr[data-agent='{benId}']")).ToContainTextAsync("not ready: Training");
        await Expect(page.Locator($"#conversations tr[data-conversation='{second.ConversationId}']")).ToContainTextAsync($"{type} {channel.Service}");

        await page.GetByLabel($"Reassign the task of conversation {first.ConversationId} to").SelectOptionAsync(annId);
        await page.Locator($"#waiting tr[data-conversation='{first.ConversationId}']").GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();

        await Expect(queue).ToHaveTextAsync("1");
        await Expect(page.Locator("#reassigned")).ToContainTextAsync("offered to Ann");
        var ann = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{annId}", SystemFixture.Json))!,
            a => a.Tasks.Any(t => t.State == AgentTaskStatus.Offered), "the reassigned task offered to Ann");
        Assert.Equal(first.ConversationId, ann.Tasks.Single().ConversationId);
        await Expect(page.Locator($"#agents tr[data-agent='{annId}']")).ToContainTextAsync($"{type} 1/1");

        await page.Locator($"#conversations tr[data-conversation='{second.ConversationId}']").GetByRole(AriaRole.Button).ClickAsync();
        var history = page.Locator("#history");
        await Expect(history.Locator(".from-customer").First).ToContainTextAsync("Can a human help me with a refund?");
        await system.CustomerSaysAsync(channel, "It was order 4711", phone);
        await Expect(history.Locator(".from-customer").Last).ToContainTextAsync("It was order 4711");
        await Expect(page.GetByLabel("Reply")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "console.png");

        await SucceedAsync(ben.PutAsJsonAsync($"/api/agents/{benId}/presence", new { presence = "READY" }));
        await Expect(page.Locator("#no-waiting")).ToBeVisibleAsync();
        await Expect(page.Locator($"#queues tr[data-queue='{type}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Supervisor_TransfersAConversationAnAgentIsWorking_ToAnotherAgent()
    {
        var type = "ST" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("console-" + type), type, "PHONE");
        var (annId, benId) = ("ann-" + Guid.NewGuid().ToString("N")[..8], "ben-" + Guid.NewGuid().ToString("N")[..8]);
        var ann = await SignedInAgentAsync(annId, "Ann", type);
        await SignedInAgentAsync(benId, "Ben", type);
        await SucceedAsync(ann.PutAsJsonAsync($"/api/agents/{annId}/presence", new { presence = "READY" }));
        var working = await system.CustomerSaysAsync(channel, "I need an agent who speaks Dutch");
        await SucceedAsync(ann.PostAsync($"/api/agents/{annId}/tasks/{await system.OfferedTaskAsync(annId)}/accept", null));
        var page = await SignedInConsoleAsync();

        await page.Locator($"#conversations tr[data-conversation='{working.ConversationId}']").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#conversation-facts")).ToContainTextAsync($"agents: {annId}");
        await page.GetByLabel("Reassign its task to").SelectOptionAsync(benId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reassign task" }).ClickAsync();

        await Expect(page.Locator("#conversation-status")).ToContainTextAsync("offered to Ben");
        await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{benId}", SystemFixture.Json))!,
            a => a.Tasks.Any(t => t.State == AgentTaskStatus.Offered && t.ConversationId == working.ConversationId), "the conversation offered to Ben");
        await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{annId}", SystemFixture.Json))!,
            a => a.Tasks.Count == 0, "the conversation out of Ann's hands");
        await Expect(page.Locator("#conversation-facts")).ToContainTextAsync("agents: none");
    }

    [Fact]
    public async Task Console_OnANarrowWindow_FitsWithoutScrollingSideways()
    {
        var type = "SV" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("console-" + type), type, "PHONE");
        var waiting = await system.CustomerSaysAsync(channel, "Is there an agent?");
        var page = await SignedInConsoleAsync();
        await page.Locator($"#conversations tr[data-conversation='{waiting.ConversationId}']").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#history .from-customer")).ToContainTextAsync("Is there an agent?");

        await page.SetViewportSizeAsync(400, 800);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide in a {widths[1]} px window.");
    }

    [Fact]
    public async Task Report_ShowsTheWeeksEndedTasks_ByChannelTypeAndThenByAgent()
    {
        var type = "RP" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("report-" + type), type, "PHONE");
        var (agentId, agent) = await system.ReadyAgentAsync(type);
        _agents.Add(agent);
        var range = $"from={DateTimeOffset.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}&to={DateTimeOffset.UtcNow.AddMinutes(5):yyyy-MM-ddTHH:mm:ssZ}";
        await system.CustomerSaysAsync(channel, "I want an agent");
        var taskId = await system.OfferedTaskAsync(agentId);
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/leave", null));
        await Eventually.MatchesAsync(
            () => system.Http.GetStringAsync($"/api/reports/agent-tasks?{range}"), report => report.Contains(type, StringComparison.Ordinal),
            "the ended task in the report");

        var page = await SignedInConsoleAsync();
        var report = page.Locator("#report");
        var typeRow = report.Locator("tbody tr", new() { HasText = type });
        await Expect(typeRow.Locator("td").Nth(0)).ToHaveTextAsync("1");
        await Expect(typeRow.Locator("td").Nth(3)).ToHaveTextAsync("100 %");
        await Expect(report.Locator("tfoot th")).ToHaveTextAsync("All");

        await page.GetByLabel("Rows by").SelectOptionAsync("Agent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();

        await Expect(report.Locator("#report-key")).ToHaveTextAsync("Agent");
        var agentRow = report.Locator("tbody tr", new() { HasText = agentId });
        await Expect(agentRow.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "console-report.png");
    }

    private async Task<IPage> SignedInConsoleAsync()
    {
        var page = (await _staff.SignInAsync("/console/", "supervisor", "Sam")).Page;
        await Expect(page.Locator("#who")).ToHaveTextAsync("Signed in as Sam");
        return page;
    }

    /// <summary>An agent signed in for the channel type, not ready, driven through the API as its desk would.</summary>
    private async Task<HttpClient> SignedInAgentAsync(string agentId, string name, string type)
    {
        var password = ApiAccess.NewPassword();
        await SucceedAsync(system.Http.PostAsJsonAsync("/api/admin/users", new { id = agentId, displayName = name, roles = new[] { "agent" }, password }));
        var agent = await ApiAccess.SignInAsync(system.Anonymous.BaseAddress!, agentId, password);
        _agents.Add(agent);
        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name, capacity = new Dictionary<string, int> { [type] = 1 } }));
        return agent;
    }
}
