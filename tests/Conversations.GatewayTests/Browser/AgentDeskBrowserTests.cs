using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Agents;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using Microsoft.Playwright;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using static Microsoft.Playwright.Assertions;

namespace Conversations.GatewayTests.Browser;

/// <summary>The agent desk page in a real browser, signed in as an agent, working a conversation a connector brought.</summary>
[Collection(SystemCollection.Name)]
public sealed class AgentDeskBrowserTests(SystemFixture system, Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly Admin _admin = new(system);
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Agent_SignsInGoesReadyAcceptsRepliesSeesTheCustomerLiveLeavesAndWrapsUp()
    {
        var type = "DK" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var hook = "desk-page-" + type;
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook), type, "PHONE");
        await WithWrapUpAsync(channel.Service);
        var (agentId, password) = ("desk-" + Guid.NewGuid().ToString("N")[..8], ApiAccess.NewPassword());
        await SucceedAsync(system.Http.PostAsJsonAsync("/api/admin/users", new { id = agentId, displayName = "Dana", roles = new[] { "agent" }, password }));
        _context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        var page = await _context.NewPageAsync();

        await page.GotoAsync(new Uri(system.Anonymous.BaseAddress!, "/desk/").ToString());
        await page.GetByLabel("User id").FillAsync(agentId);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Channel types and chats at once").FillAsync($"{type}:1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start working" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ready", Exact = true }).ClickAsync();
        await Expect(page.Locator("#presence-now")).ToHaveTextAsync("ready");

        var phone = "+49159" + Random.Shared.Next(1_000_000, 9_999_999);
        var conversationId = (await system.CustomerSaysAsync(channel, "I need an agent for my order", phone)).ConversationId;
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        var taskId = (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{agentId}", SystemFixture.Json))!.Tasks.Single().TaskId;
        var history = page.Locator("#history");
        await Expect(history.Locator(".from-customer").First).ToContainTextAsync("I need an agent for my order");

        await page.GetByLabel("Reply").FillAsync("Dana here, let me look.");
        await page.GetByLabel("Reply").PressAsync("Enter");
        await Expect(history).ToContainTextAsync("Dana here, let me look.");
        await Eventually.MatchesAsync(
            () => system.Connector.To(hook), posts => posts.Any(p => p.Body.GetProperty("text").GetString() == "Dana here, let me look."),
            "the desk's reply at the connector");
        await system.CustomerSaysAsync(channel, "It is order 4711", phone);
        await Expect(history.Locator(".from-customer").Last).ToContainTextAsync("It is order 4711");

        await page.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await page.GetByLabel("Wrap-up codes").FillAsync("RESOLVED");
        await page.GetByLabel("Notes").FillAsync("Parcel re-sent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish wrap-up" }).ClickAsync();

        var task = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<AgentTaskView>($"/api/tasks/{taskId}", SystemFixture.Json))!,
            t => t.State == AgentTaskStatus.Closed, "the task to be closed after the wrap-up");
        Assert.Equal((conversationId, "Parcel re-sent"), (task.Spec.ConversationId, task.WrapUpNotes));
        Assert.Equal(["RESOLVED"], task.WrapUpCodes);
        await Expect(page.Locator("#conversation")).ToBeHiddenAsync();
    }

    private async Task WithWrapUpAsync(string service)
    {
        var channel = (await system.Http.GetFromJsonAsync<JsonObject>($"/api/admin/channels/{Uri.EscapeDataString(service)}"))!;
        channel["wrapUpTimeoutSeconds"] = 300;
        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/channels/{Uri.EscapeDataString(service)}", channel));
    }
}
