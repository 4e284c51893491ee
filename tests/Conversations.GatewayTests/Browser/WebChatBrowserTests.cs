using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Connectors;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using Microsoft.Playwright;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using static Microsoft.Playwright.Assertions;

namespace Conversations.GatewayTests.Browser;

/// <summary>
/// The widget in a real browser on a shop's page: a visitor writes, the bot greets, an agent answers through the API,
/// and the page shows every message exactly once, live, after a reload and after the network was gone for a while.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WebChatBrowserTests(SystemFixture system, Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Messages = ".cvw-log li[data-sequence]";

    private readonly Admin _admin = new(system);
    private readonly List<IAsyncDisposable> _opened = [];
    private readonly List<HttpClient> _agents = [];
    private ShopSite _shop = null!;

    public async Task InitializeAsync() => _shop = await ShopSite.StartAsync(system.Anonymous.BaseAddress!);

    public async Task DisposeAsync()
    {
        foreach (var opened in _opened)
        {
            await opened.DisposeAsync();
        }

        _agents.ForEach(a => a.Dispose());
        await _shop.DisposeAsync();
    }

    [Fact]
    public async Task Visitor_WritesOnTheShopsPage_SeesTheGreetingThenTheAgentJoinAnswerAndLeaveLive()
    {
        var chat = await ChatWithAnAgentAsync();

        await Expect(chat.Page.Locator(".cvw-from-bot").First).ToContainTextAsync("Hello!");
        await Expect(chat.Page.Locator(".cvw-note")).ToContainTextAsync("An agent joined the chat.");
        await Expect(chat.Page.Locator(".cvw-from-agent")).ToContainTextAsync("Alice here");
        await Expect(chat.Page.Locator(".cvw-from-customer")).ToHaveTextAsync("Hello, I need an agent");

        await SucceedAsync(chat.Agent.PostAsync(chat.TaskPath + "/leave", null));
        await Expect(chat.Page.Locator(".cvw-note").Last).ToHaveTextAsync("The agent left the chat.");
    }

    [Fact]
    public async Task Page_Reloaded_ShowsTheWholeConversationOnceInOrder()
    {
        var chat = await ChatWithAnAgentAsync();
        var before = await ShownAsync(chat.Page);

        await chat.Page.ReloadAsync();
        await OpenChatAsync(chat.Page);

        await Expect(chat.Page.Locator(Messages)).ToHaveCountAsync(before.Count);
        Assert.Equal(before, await ShownAsync(chat.Page));
        Assert.Equal(before.Count, before.Distinct().Count());
        Assert.Equal(before.OrderBy(m => m.Sequence), before);
    }

    [Fact]
    public async Task Network_GoneWhileTheAgentWrites_ShowsEachMessageOnceInOrderWhenBack()
    {
        var chat = await ChatWithAnAgentAsync();
        var before = (await ShownAsync(chat.Page)).Count;

        await chat.Context.SetOfflineAsync(true);
        await Expect(chat.Page.Locator(".cvw-offline")).ToBeVisibleAsync();
        await chat.AgentSaysAsync("First, while you were away.");
        await chat.AgentSaysAsync("Second, still away.");
        await chat.Context.SetOfflineAsync(false);

        await Expect(chat.Page.Locator(Messages)).ToHaveCountAsync(before + 2);
        await Expect(chat.Page.Locator(".cvw-offline")).ToBeHiddenAsync();
        var shown = await ShownAsync(chat.Page);
        Assert.Equal(["First, while you were away.", "Second, still away."], shown.Skip(before).Select(m => m.Text));
        Assert.Equal(shown.Count, shown.Select(m => m.Sequence).Distinct().Count());
        Assert.Equal(shown.OrderBy(m => m.Sequence), shown);
    }

    [Fact]
    public async Task Files_TheVisitorAttachesOneAndTheAgentSendsOne_BothShowAsLinksToTheFiles()
    {
        var chat = await ChatWithAnAgentAsync();
        var photo = "not really a jpeg"u8.ToArray();

        await chat.Page.Locator(".cvw-file").SetInputFilesAsync(new FilePayload { Name = "parcel.jpg", MimeType = "image/jpeg", Buffer = photo });
        var label = await UploadAsync(chat.Agent, "application/pdf", "label.pdf", "%PDF label"u8.ToArray());
        await SucceedAsync(chat.Agent.PostAsJsonAsync(chat.TaskPath + "/messages", new { text = "Your return label", attachmentId = label }));

        var visitorsFile = chat.Page.Locator(".cvw-from-customer .cvw-file-link");
        await Expect(visitorsFile).ToHaveTextAsync("parcel.jpg");
        var agentsFile = chat.Page.Locator(".cvw-from-agent .cvw-file-link");
        await Expect(agentsFile).ToHaveTextAsync("label.pdf");
        Assert.Equal(photo, await system.Anonymous.GetByteArrayAsync(new Uri((await visitorsFile.GetAttributeAsync("href"))!).PathAndQuery));
        Assert.Equal("%PDF label"u8.ToArray(), await system.Anonymous.GetByteArrayAsync(new Uri((await agentsFile.GetAttributeAsync("href"))!).PathAndQuery));
    }

    [Fact]
    public async Task EndChat_Clicked_TheConversationClosesAsCustomerLeft()
    {
        var chat = await ChatWithAnAgentAsync();

        await chat.Page.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();

        // Not necessarily the last note: the agent leaving the closed conversation may come after it.
        await Expect(chat.Page.Locator(".cvw-note", new() { HasTextString = "You ended the chat." })).ToBeVisibleAsync();
        await Eventually.MatchesAsync(
            () => system.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{chat.ConversationId}"),
            c => c.GetProperty("closeReason").GetString() == "CUSTOMER_LEFT",
            "the conversation to close as CUSTOMER_LEFT");
    }

    [Fact]
    public async Task Visitor_SigningInOnTheShopAfterChatting_SeesTheSameChatAsTheUser()
    {
        var channel = await _admin.WebChatChannelAsync();
        var userId = "shopper-" + Guid.NewGuid().ToString("N")[..8];
        var context = await chromium.Browser.NewContextAsync();
        _opened.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(_shop.PageOf(channel.Service));
        await OpenChatAsync(page);
        await page.GetByLabel("Your message").FillAsync("Is this in stock?");
        await page.GetByLabel("Your message").PressAsync("Enter");
        await Expect(page.Locator(".cvw-from-customer")).ToHaveTextAsync("Is this in stock?");

        await page.GotoAsync(_shop.PageOf(channel.Service, userId, WebChatIdentity.Hash(channel.IdentitySecret!, userId)));
        await OpenChatAsync(page);

        await Expect(page.Locator(".cvw-from-customer")).ToHaveTextAsync("Is this in stock?");
        await page.GetByLabel("Your message").FillAsync("I am signed in now");
        await page.GetByLabel("Your message").PressAsync("Enter");
        await Expect(page.Locator(".cvw-from-customer")).ToHaveTextAsync(["Is this in stock?", "I am signed in now"]);
        // The anonymous token is forgotten: whoever chats here after the user signs out starts afresh.
        Assert.Null(await page.EvaluateAsync<string?>("key => localStorage.getItem(key)", "conversations-webchat:" + channel.Service));
    }

    [Fact]
    public async Task HostedPage_UnderItsContentSecurityPolicy_ChatsWithNothingRefused()
    {
        var channel = await _admin.WebChatChannelAsync();
        var context = await chromium.Browser.NewContextAsync();
        _opened.Add(context);
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) => refused.AddRange(message.Text.Contains("Content Security Policy", StringComparison.Ordinal) ? [message.Text] : []);

        await page.GotoAsync(new Uri(system.Anonymous.BaseAddress!, $"/webchat/chat.html?service={Uri.EscapeDataString(channel.Service)}").ToString());
        await page.GetByLabel("Your message").FillAsync("Hello from the hosted page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.Locator(".cvw-from-bot").First).ToContainTextAsync("Hello!");
        await Expect(page.Locator(".cvw-from-customer")).ToHaveTextAsync("Hello from the hosted page");
        Assert.Empty(refused);
    }

    /// <summary>A new web chat and agent; a visitor on the shop's page writes, the agent takes the chat and answers.</summary>
    private async Task<OpenChat> ChatWithAnAgentAsync()
    {
        var type = "WB" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.WebChatChannelAsync(type);
        var agentId = "web-" + Guid.NewGuid().ToString("N")[..8];
        var agent = await system.UserAsync(agentId, "agent");
        _agents.Add(agent);
        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/sign-in", new { name = "Alice", capacity = new Dictionary<string, int> { [type] = 1 } }));
        await SucceedAsync(agent.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { presence = "READY" }));

        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        _opened.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(_shop.PageOf(channel.Service));
        await OpenChatAsync(page);
        await page.GetByLabel("Your message").FillAsync("Hello, I need an agent");
        await page.GetByLabel("Your message").PressAsync("Enter");
        await Expect(page.Locator(".cvw-from-bot").First).ToBeVisibleAsync();

        var taskId = await system.OfferedTaskAsync(agentId);
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));
        var chat = new OpenChat(context, page, agent, $"/api/agents/{agentId}/tasks/{taskId}",
            await page.EvaluateAsync<string>("key => JSON.parse(localStorage.getItem(key)).conversation", "conversations-webchat:" + channel.Service));
        await chat.AgentSaysAsync("Hi, Alice here. How can I help?");
        await Expect(page.Locator(".cvw-from-agent")).ToContainTextAsync("Alice here");
        return chat;
    }

    private static async Task<string> UploadAsync(HttpClient agent, string contentType, string name, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = await agent.PostAsync($"/api/uploads?name={name}", content);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task OpenChatAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await Expect(page.GetByLabel("Your message")).ToBeFocusedAsync();
    }

    /// <summary>The messages the page shows, in the page's order, as sequence and text (without the "Agent"/"Assistant" label).</summary>
    private static async Task<List<(long Sequence, string Text)>> ShownAsync(IPage page)
    {
        var shown = await page.Locator(Messages).EvaluateAllAsync<string[][]>(
            "items => items.map(i => [i.dataset.sequence, i.lastChild.textContent])");
        return [.. shown.Select(s => (long.Parse(s[0]), s[1]))];
    }

    private sealed record OpenChat(IBrowserContext Context, IPage Page, HttpClient Agent, string TaskPath, string ConversationId)
    {
        public Task AgentSaysAsync(string text) => SucceedAsync(Agent.PostAsJsonAsync(TaskPath + "/messages", new { text }));
    }
}
