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
    private readonly StaffBrowser _staff = new(system, chromium);
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _staff.DisposeAsync().AsTask();

    [Fact]
    public async Task Agent_SignsInGoesReadyAcceptsRepliesSeesTheCustomerLiveLeavesAndWrapsUp()
    {
        var (page, channel, phone, agentId, hook) = await AcceptedConversationAsync(withWrapUp: true);
        var conversationId = (await system.ConversationOfPhoneAsync(phone)).Id;
        var taskId = (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{agentId}", SystemFixture.Json))!.Tasks.Single().TaskId;
        var history = page.Locator("#history");
        await Expect(page.Locator("#channels")).ToContainTextAsync($"{channel.Service} {phone}, open (replies go here)");
        await Expect(page.Locator("#customer")).ToContainTextAsync(phone);
        await Expect(page.Locator("#load")).ToContainTextAsync("1 of 1 in use");

        await page.GetByLabel("Reply").FillAsync("Dana here, let me look.");
        await page.GetByLabel("Reply").PressAsync("Enter");
        await Expect(history).ToContainTextAsync("Dana here, let me look.");
        await Eventually.MatchesAsync(
            () => system.Connector.To(hook), posts => posts.Any(p => p.Body.GetProperty("text").GetString() == "Dana here, let me look."),
            "the desk's reply at the connector");
        // The connector took it: the delivery tick arrives live.
        await Expect(history.Locator("li", new() { HasText = "Dana here, let me look." }).Locator(".tick")).ToHaveTextAsync("delivered");

        await page.GetByLabel("Attach a file").SetInputFilesAsync(new FilePayload { Name = "label.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 label"u8.ToArray() });
        await page.GetByLabel("Reply").FillAsync("Your return label");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var withFile = await Eventually.MatchesAsync(
            () => system.Connector.To(hook), posts => posts.Any(p => p.Body.GetProperty("text").GetString()!.StartsWith("Your return label", StringComparison.Ordinal)),
            "the reply with the file at the connector");
        var file = withFile.Single(p => p.Body.GetProperty("text").GetString()!.StartsWith("Your return label", StringComparison.Ordinal)).Body.GetProperty("attachments")[0];
        Assert.Equal(("application/pdf", "label.pdf"), (file.GetProperty("contentType").GetString(), file.GetProperty("name").GetString()));
        await Expect(history.GetByRole(AriaRole.Link, new() { Name = "File: label.pdf" })).ToBeVisibleAsync();

        await system.CustomerSaysAsync(channel, "It is order 4711", phone);
        await Expect(history.Locator(".from-customer").Last).ToContainTextAsync("It is order 4711");
        await Screenshots.SaveAsync(page, "desk.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Expect(page.Locator("#wrap-up-countdown")).ToContainTextAsync("Wrap-up ends in");
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
    public async Task NewConversation_TemplateForTheOpenConversationsCustomer_ReachesTheConnectorFilledIn()
    {
        var (page, channel, _, _, hook) = await AcceptedConversationAsync(withWrapUp: false, templateBody: "Hi {{1}}, order {{2}} has shipped.");
        var form = page.Locator("#outbound");
        await Expect(form.GetByLabel("Channel", new() { Exact = true })).ToHaveValueAsync(channel.Service);
        await Expect(form.GetByLabel("Customer")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^cust-"));

        await form.GetByLabel("Template").SelectOptionAsync(new SelectOptionValue { Label = "order_update (en)" });
        await form.GetByLabel("Parameter 1").FillAsync("Dana");
        await form.GetByLabel("Parameter 2").FillAsync("4711");
        await Expect(page.Locator("#out-preview")).ToHaveTextAsync("Hi Dana, order 4711 has shipped.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Start conversation" }).ClickAsync();

        await Expect(page.Locator("#out-result")).ToContainTextAsync("Sent into the customer's conversation");
        await Eventually.MatchesAsync(
            () => system.Connector.To(hook), posts => posts.Any(p => p.Body.GetProperty("text").GetString() == "Hi Dana, order 4711 has shipped."),
            "the template, filled in, at the connector");
        await Expect(page.Locator("#history")).ToContainTextAsync("Hi Dana, order 4711 has shipped.");
    }

    [Fact]
    public async Task NewConversation_FreeTextToSomeoneNeverServed_SaysTheAgentMayNot()
    {
        var (page, channel, _, _, _) = await AcceptedConversationAsync(withWrapUp: false);
        var form = page.Locator("#outbound");

        await form.GetByLabel("Customer").FillAsync("+49159" + Random.Shared.Next(1_000_000, 9_999_999));
        await form.GetByLabel("Message").FillAsync("Hello from the shop");
        await form.GetByRole(AriaRole.Button, new() { Name = "Start conversation" }).ClickAsync();

        await Expect(page.Locator("#out-error")).ToContainTextAsync("only to customers whose conversations they are or were in");
        Assert.Equal(channel.Service, await form.GetByLabel("Channel", new() { Exact = true }).InputValueAsync());
        await Expect(page.Locator("#out-result")).ToBeEmptyAsync();
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

    [Fact]
    public async Task AccessToken_ExpiresWhileTheDeskIsOpen_TheDeskRenewsItAndStillShowsTheCustomer()
    {
        var (page, channel, phone, _, _) = await AcceptedConversationAsync(withWrapUp: false);
        var history = page.Locator("#history li");
        var before = await history.CountAsync();

        // The desk's pull lists, polled every 3 s, would renew the token first; without them only the stream can.
        await page.RouteAsync("**/pull-lists", route => route.AbortAsync());
        var calls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => calls.Enqueue($"{request.Method} {new Uri(request.Url).AbsolutePath}");
        // Past the access token's 15 minutes (and the 30 s of clock skew allowed), as far as the gateway can tell.
        system.GatewayClock.Offset = TimeSpan.FromMinutes(16);
        try
        {
            await system.CustomerSaysAsync(channel, "Still there after lunch?", phone);
            await system.CustomerSaysAsync(channel, "Order 4711", phone);

            await Expect(history).ToHaveCountAsync(before + 2, new() { Timeout = 20_000 });
            Assert.Equal(["Still there after lunch?", "Order 4711"], (await history.AllInnerTextsAsync()).TakeLast(2).Select(t => t.Replace("Customer", "").Trim()));
            await Expect(page.Locator("#offline")).ToBeHiddenAsync();
            // The stream ended with the token, and the page renewed it and opened the stream again.
            Assert.Contains("POST /api/auth/refresh", calls);
            Assert.Contains(calls, call => call.StartsWith("GET /api/agents/", StringComparison.Ordinal) && call.EndsWith("/events", StringComparison.Ordinal));
        }
        finally
        {
            system.GatewayClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Presence_NotReadyForAConfiguredReasonThenABreak_TheDeskAndTheApiSayWhichAndSinceWhen()
    {
        var settings = (await system.Http.GetFromJsonAsync<JsonObject>("/api/admin/controller"))!;
        var saved = settings.DeepClone();
        settings["notReadyReasons"] = new JsonArray("Lunch", "Huddle");
        await SucceedAsync(system.Http.PutAsJsonAsync("/api/admin/controller", settings));
        try
        {
            await NotReadyThenABreakAsync();
        }
        finally
        {
            await SucceedAsync(system.Http.PutAsJsonAsync("/api/admin/controller", saved));
        }
    }

    private async Task NotReadyThenABreakAsync()
    {
        var (page, agentId, _) = await SignedInDeskAsync("DP" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        await Expect(page.GetByLabel("Not-ready reason").Locator("option")).ToHaveTextAsync(["Lunch", "Huddle"]);

        await page.GetByLabel("Not-ready reason").SelectOptionAsync("Lunch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Not ready" }).ClickAsync();
        await Expect(page.Locator("#presence-now")).ToHaveTextAsync("not ready (Lunch)");
        var agent = await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{agentId}", SystemFixture.Json);
        Assert.Equal((AgentPresence.NotReady, "Lunch"), (agent!.Presence, agent.NotReadyReason));

        await page.GetByRole(AriaRole.Button, new() { Name = "Break" }).ClickAsync();
        await Expect(page.Locator("#presence-now")).ToHaveTextAsync("on a break");
        await Expect(page.Locator("#presence-since")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^for \d+ s$"));
        agent = await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{agentId}", SystemFixture.Json);
        Assert.Equal((AgentPresence.Break, null), (agent!.Presence, agent.NotReadyReason));

        // On a narrow window the desk stacks its parts instead of scrolling sideways.
        await page.SetViewportSizeAsync(400, 800);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the desk scrolls sideways at 400 px wide");
    }

    [Fact]
    public async Task Offer_ShowsTheCustomerTheirFirstMessageAndACountdown()
    {
        var type = "DO" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("desk-" + type), type, "PHONE");
        var (page, _, _) = await SignedInDeskAsync(type);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ready", Exact = true }).ClickAsync();
        var phone = "+49159" + Random.Shared.Next(1_000_000, 9_999_999);

        await system.CustomerSaysAsync(channel, "I need an agent, my parcel is lost", phone);

        var offer = page.GetByRole(AriaRole.Alertdialog, new() { Name = "New conversation offered" });
        await Expect(offer).ToContainTextAsync($"{phone} on {channel.Service}");
        await Expect(offer).ToContainTextAsync("“I need an agent, my parcel is lost”");
        await Expect(offer.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Answer within \d+ s$"));
        await Expect(page.Locator("#load")).ToContainTextAsync($"{type}: 1 of 1 in use");
    }

    [Fact]
    public async Task PullList_TwoAgentsRaceForOneTask_OneGetsItAndTheOtherIsToldItWasTaken()
    {
        var type = "DL" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var list = "list-" + type.ToLowerInvariant();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("desk-" + type), type, "PHONE");
        await ChangeChannelAsync(channel.Service, c =>
        {
            c["routingMode"] = "PULL";
            c["pullListName"] = list;
        });
        var (first, firstId, _) = await SignedInDeskAsync(type);
        var (second, secondId, _) = await SignedInDeskAsync(type);

        var phone = "+49159" + Random.Shared.Next(1_000_000, 9_999_999);
        await system.CustomerSaysAsync(channel, "Can a human help me?", phone);
        var pullFirst = first.GetByRole(AriaRole.Region, new() { Name = $"Pull list {list}" }).GetByRole(AriaRole.Button, new() { Name = "Pull" });
        var pullSecond = second.GetByRole(AriaRole.Region, new() { Name = $"Pull list {list}" }).GetByRole(AriaRole.Button, new() { Name = "Pull" });
        await Expect(pullFirst).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(pullSecond).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await Task.WhenAll(pullFirst.ClickAsync(), pullSecond.ClickAsync());

        var agents = await Task.WhenAll(new[] { firstId, secondId }.Select(id => system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{id}", SystemFixture.Json)));
        var winners = agents.Where(a => a!.Tasks.Any(t => t.State == AgentTaskStatus.Active)).ToList();
        var winner = Assert.Single(winners)!;
        var (won, lost) = winner.Id == firstId ? (first, second) : (second, first);
        await Expect(won.Locator("#history .from-customer").First).ToContainTextAsync("Can a human help me?");
        await Expect(lost.Locator("#pull-error")).ToContainTextAsync("Another agent took that conversation first.");
        await Expect(lost.Locator("#conversation")).ToBeHiddenAsync();
    }

    /// <summary>An agent's desk, signed in with room for one task of the channel type, not ready yet.</summary>
    private async Task<(IPage Page, string AgentId, IBrowserContext Context)> SignedInDeskAsync(string type)
    {
        var (page, agentId, context) = await _staff.SignInAsync("/desk/", "agent", "Dana");
        await page.GetByLabel("Channel types and chats at once").FillAsync($"{type}:1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start working" }).ClickAsync();
        await Expect(page.Locator("#presence-now")).ToHaveTextAsync("not ready");
        return (page, agentId, context);
    }

    /// <summary>A signed-in, ready agent's desk that accepted a customer's conversation on a channel of its own type.</summary>
    private async Task<AcceptedConversation> AcceptedConversationAsync(bool withWrapUp, string? templateBody = null)
    {
        var type = "DK" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var hook = "desk-" + type;
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook), type, "PHONE");
        if (withWrapUp)
        {
            await WithWrapUpAsync(channel.Service);
        }

        if (templateBody is not null)
        {
            await SucceedAsync(system.Http.PostAsJsonAsync("/api/admin/message-templates", new
            {
                id = "tpl-" + type.ToLowerInvariant(), serviceIdentifier = channel.Service, name = "order_update", language = "en", body = templateBody,
            }));
        }

        var (page, agentId, context) = await SignedInDeskAsync(type);
        _context = context;
        await page.GetByRole(AriaRole.Button, new() { Name = "Ready", Exact = true }).ClickAsync();
        await Expect(page.Locator("#presence-now")).ToHaveTextAsync("ready");
        var phone = "+49159" + Random.Shared.Next(1_000_000, 9_999_999);
        await system.CustomerSaysAsync(channel, "I need an agent for my order", phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(page.Locator("#history .from-customer").First).ToContainTextAsync("I need an agent for my order");
        return new AcceptedConversation(page, channel, phone, agentId, hook);
    }

    private Task WithWrapUpAsync(string service) => ChangeChannelAsync(service, c => c["wrapUpTimeoutSeconds"] = 300);

    private async Task ChangeChannelAsync(string service, Action<JsonObject> change)
    {
        var channel = (await system.Http.GetFromJsonAsync<JsonObject>($"/api/admin/channels/{Uri.EscapeDataString(service)}"))!;
        change(channel);
        await SucceedAsync(system.Http.PutAsJsonAsync($"/api/admin/channels/{Uri.EscapeDataString(service)}", channel));
    }

    private sealed record AcceptedConversation(IPage Page, ConnectorChannel Channel, string Phone, string AgentId, string Hook);
}
