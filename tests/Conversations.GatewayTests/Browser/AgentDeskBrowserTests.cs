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
        var (page, channel, phone, agentId, hook) = await AcceptedConversationAsync(withWrapUp: true);
        var conversationId = (await system.ConversationOfPhoneAsync(phone)).Id;
        var taskId = (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{agentId}", SystemFixture.Json))!.Tasks.Single().TaskId;
        var history = page.Locator("#history");
        await Expect(page.Locator("#channels")).ToContainTextAsync($"{channel.Service} {phone}, open (replies go here)");

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

    [Fact]
    public async Task Network_GoneWhileTheCustomerWrites_TheDeskSaysOfflineThenShowsEachMessageOnce()
    {
        var (page, channel, phone, _, _) = await AcceptedConversationAsync(withWrapUp: false);
        var history = page.Locator("#history li");
        var before = await history.CountAsync();

        await _context!.SetOfflineAsync(true);
        await Expect(page.Locator("#offline")).ToBeVisibleAsync();
        await system.CustomerSaysAsync(channel, "Are you still there?", phone);
        await system.CustomerSaysAsync(channel, "My order is 4711", phone);
        await _context.SetOfflineAsync(false);

        await Expect(history).ToHaveCountAsync(before + 2, new() { Timeout = 15_000 });
        await Expect(page.Locator("#offline")).ToBeHiddenAsync();
        var sequences = await history.EvaluateAllAsync<long[]>("items => items.map(i => Number(i.dataset.sequence))");
        Assert.Equal(sequences.Distinct().Order(), sequences);
        Assert.Equal(["Are you still there?", "My order is 4711"], (await history.AllInnerTextsAsync()).TakeLast(2).Select(t => t.Replace("Customer", "").Trim()));
    }

    /// <summary>A signed-in, ready agent's desk that accepted a customer's conversation on a channel of its own type.</summary>
    private async Task<AcceptedConversation> AcceptedConversationAsync(bool withWrapUp)
    {
        var type = "DK" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var hook = "desk-" + type;
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook), type, "PHONE");
        if (withWrapUp)
        {
            await WithWrapUpAsync(channel.Service);
        }

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
        await system.CustomerSaysAsync(channel, "I need an agent for my order", phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(page.Locator("#history .from-customer").First).ToContainTextAsync("I need an agent for my order");
        return new AcceptedConversation(page, channel, phone, agentId, hook);
    }

    private async Task WithWrapUpAsync(string service)
    {
        var channel = (await system.Http.GetFromJsonAsync<JsonObject>($"/api/admin/channels/{Uri.EscapeDataString(service)}"))!;
        channel["wrapUpTimeoutSeconds"] = 300;
        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/channels/{Uri.EscapeDataString(service)}", channel));
    }

    private sealed record AcceptedConversation(IPage Page, ConnectorChannel Channel, string Phone, string AgentId, string Hook);
}
