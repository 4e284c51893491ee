using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using Microsoft.Playwright;
using static Conversations.GatewayTests.Foundation.DeskSteps;
using static Microsoft.Playwright.Assertions;

namespace Conversations.GatewayTests.Browser;

/// <summary>The admin pages in a real browser: an admin configures a channel through the forms, and a bad value shows its field's error.</summary>
[Collection(SystemCollection.Name)]
public sealed class AdminPagesBrowserTests(SystemFixture system, Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly StaffBrowser _staff = new(system, chromium);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _staff.DisposeAsync().AsTask();

    [Fact]
    public async Task Admin_CreatesAChannelThroughTheForms_ThenABadTimeoutShowsItsFieldError()
    {
        var page = await SignedInAsync("admin");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (type, provider, connector, service) = ("AD" + suffix.ToUpperInvariant(), "prov-" + suffix, "conn-" + suffix, "svc-admin-" + suffix);

        await CreateAsync(page, "channel-types", "channel type", ("Code", type), ("Name", "Admin test " + suffix));
        await CreateAsync(page, "channel-providers", "provider", ("Provider id", provider), ("Name", "Provider " + suffix));
        var connectors = page.Locator("#connectors-form");
        await connectors.GetByLabel("Provider", new() { Exact = true }).SelectOptionAsync(provider);
        await connectors.GetByLabel("Channel type", new() { Exact = true }).SelectOptionAsync(type);
        await CreateAsync(page, "connectors", "connector", ("Connector id", connector), ("Name", "Connector " + suffix),
            ("Webhook URL", system.Connector.HookUrl("admin-" + suffix)));
        await Expect(page.Locator("#connector-key")).ToHaveTextAsync(new Regex(".{20,}"));
        await Expect(page.Locator(".once")).ToContainTextAsync("will not be shown again");

        var channels = page.Locator("#channels-form");
        await channels.GetByLabel("Connector", new() { Exact = true }).SelectOptionAsync(connector);
        await channels.GetByLabel("Routing mode").SelectOptionAsync("PULL");
        await CreateAsync(page, "channels", "channel", ("Service identifier", service), ("Name", "Support " + suffix),
            ("Pull list name", "list-" + suffix), ("Customer inactivity timeout (seconds)", "600"), ("Wrap-up timeout (seconds)", "120"));

        var created = await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/channels/{service}");
        Assert.Equal(
            (connector, "PULL", "list-" + suffix, 600, 120),
            (created.GetProperty("connectorId").GetString(), created.GetProperty("routingMode").GetString(), created.GetProperty("pullListName").GetString(),
                created.GetProperty("customerInactivityTimeoutSeconds").GetInt32(), created.GetProperty("wrapUpTimeoutSeconds").GetInt32()));

        var timeout = channels.GetByLabel("Customer inactivity timeout (seconds)");
        await timeout.FillAsync("0");
        await channels.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(timeout).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(ErrorOf(page, await timeout.GetAttributeAsync("aria-describedby"))).ToContainTextAsync("must be between 10 and");
        await Expect(timeout).ToBeFocusedAsync();
        var unchanged = await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/channels/{service}");
        Assert.Equal(600, unchanged.GetProperty("customerInactivityTimeoutSeconds").GetInt32());
    }

    [Fact]
    public async Task Admin_CreatesAMessageTemplateForAChannel_ThenABodyWithAGapShowsItsError()
    {
        var channel = await new Admin(system).ChannelWithWebhookAsync(system.Connector.HookUrl("admin-templates"));
        var page = await SignedInAsync("admin");
        var id = "tpl-" + Guid.NewGuid().ToString("N")[..8];
        var templates = page.Locator("#message-templates-form");
        // The channel list is read when the page loads; the channel was made just before.
        await templates.GetByLabel("Channel", new() { Exact = true }).SelectOptionAsync(channel.Service);

        await CreateAsync(page, "message-templates", "template", ("Template id", id), ("Name", "order_shipped"), ("Language", "en"),
            ("Body", "Hi {{1}}, order {{2}} has shipped."), ("WhatsApp template name", "order_shipped_v2"));

        var listed = await system.Http.GetFromJsonAsync<JsonElement>($"/api/channels/{Uri.EscapeDataString(channel.Service)}/templates");
        var template = Assert.Single(listed.EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal(("Hi {{1}}, order {{2}} has shipped.", "order_shipped_v2"), (template.GetProperty("body").GetString(), template.GetProperty("providerTemplateName").GetString()));

        var body = templates.GetByLabel("Body", new() { Exact = true });
        await body.FillAsync("Hi {{2}}");
        await templates.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(body).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(ErrorOf(page, await body.GetAttributeAsync("aria-describedby"))).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task Admin_MakesANewConnectorKeyWithoutOverlap_TheShownKeyWorksAndTheOldOneNoLonger()
    {
        var channel = await new Admin(system).ChannelWithWebhookAsync(system.Connector.HookUrl("admin-pages"));
        var page = await SignedInAsync("admin");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Change connector {channel.ConnectorId}" }).ClickAsync();

        await page.GetByLabel("Old keys stay good for (seconds)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make a new key" }).ClickAsync();

        await Expect(page.Locator(".once")).ToContainTextAsync("will not be shown again");
        var key = await page.Locator("#connector-key").TextContentAsync();
        Assert.False(string.IsNullOrEmpty(key) || key == channel.Key, $"a new key, not '{key}'");
        Assert.Equal(HttpStatusCode.Accepted, (await PostMessageAsync(system.BearerConnector(key), channel.Service)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostMessageAsync(system.BearerConnector(channel.Key), channel.Service)).StatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "I have copied the key" }).ClickAsync();
        await Expect(page.Locator("#connector-key")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Admin_TwilioConnector_ABadSidShowsItsErrorThenTheAuthTokenIsSetButNeverShown()
    {
        // The channel type and provider exist before the page lists them.
        await new Admin(system).ChannelWithWebhookAsync(system.Connector.HookUrl("admin-pages"), "ADMINSMS");
        var page = await SignedInAsync("admin");
        var connectors = page.Locator("#connectors-form");
        var (connectorId, authToken) = ("tw-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString("N"));
        await connectors.GetByLabel("Provider", new() { Exact = true }).SelectOptionAsync("gateway-tests");
        await connectors.GetByLabel("Channel type", new() { Exact = true }).SelectOptionAsync("ADMINSMS");
        await connectors.GetByLabel("Kind").SelectOptionAsync("TWILIO");
        await Expect(connectors.GetByLabel("Webhook URL")).ToBeHiddenAsync();
        var sid = connectors.GetByLabel("Twilio account SID");

        await SubmitAsync(page, "connectors", "Create connector", ("Connector id", connectorId), ("Name", "Twilio"), ("Twilio account SID", "AC123"));
        await Expect(ErrorOf(page, await sid.GetAttributeAsync("aria-describedby"))).ToContainTextAsync("AC and 32 hex digits");

        await CreateAsync(page, "connectors", "connector", ("Twilio account SID", "AC" + Guid.NewGuid().ToString("N")));
        await Expect(page.Locator("#provider-secrets-state")).ToHaveTextAsync("Twilio auth token: not set.");
        await page.GetByLabel("Twilio auth token").FillAsync(authToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set secrets" }).ClickAsync();
        await Expect(page.Locator("#provider-secrets-status")).ToHaveTextAsync("Set: authToken.");
        await Expect(page.Locator("#provider-secrets-state")).ToHaveTextAsync("Twilio auth token: set.");

        await Expect(page.GetByLabel("Twilio auth token")).ToHaveValueAsync(string.Empty);
        Assert.DoesNotContain(authToken, await page.ContentAsync());
        var twilio = new TwilioChannel(TwilioWebhooks.NewNumber("+1415"), connectorId, authToken);
        await SucceedAsync(system.Http.PostAsJsonAsync("/api/admin/channels",
            new { serviceIdentifier = twilio.Service, name = "SMS", connectorId, routingMode = "PUSH", customerInactivityTimeoutSeconds = 900 }));
        var signed = await system.TwilioPostAsync(
            TwilioWebhooks.MessagesPath(connectorId), TwilioWebhooks.SmsForm(twilio, TwilioWebhooks.NewNumber("+1646"), "Hello"), authToken);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Fact]
    public async Task Admin_CreatesAUserWithRoles_ATooShortPasswordFirstShowsItsError_ThenDisablesTheUser()
    {
        var page = await SignedInAsync("admin");
        var users = page.Locator("#users-form");
        var userId = "ua-" + Guid.NewGuid().ToString("N")[..8];
        await users.GetByLabel("Agent").CheckAsync();
        await users.GetByLabel("Supervisor").CheckAsync();
        var password = users.GetByLabel("Password", new() { Exact = true });

        await SubmitAsync(page, "users", "Create user", ("User id", userId), ("Display name", "Uma"), ("Password", "short"));
        await Expect(ErrorOf(page, await password.GetAttributeAsync("aria-describedby"))).ToContainTextAsync("at least 12 characters");
        await Expect(password).ToBeFocusedAsync();
        await CreateAsync(page, "users", "user", ("Password", ApiAccess.NewPassword()));
        var created = await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/users/{userId}");
        Assert.Equal(["supervisor", "agent"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        await users.GetByLabel("Supervisor").UncheckAsync();
        await users.GetByLabel("Disabled").CheckAsync();
        await users.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#users-status")).ToHaveTextAsync($"Saved user {userId}.");
        var changed = await system.Http.GetFromJsonAsync<JsonElement>($"/api/admin/users/{userId}");
        Assert.Equal((true, "agent"), (changed.GetProperty("disabled").GetBoolean(), changed.GetProperty("roles").EnumerateArray().Single().GetString()));
    }

    [Fact]
    public async Task Admin_BotGreetingTooLong_ShowsItsErrorAndTheSettingsStayAsTheyWere()
    {
        var before = await system.Http.GetStringAsync("/api/admin/controller");
        var page = await SignedInAsync("admin");
        var greeting = page.Locator("#controller-form").GetByLabel("Greeting");
        await Expect(greeting).Not.ToBeEmptyAsync();

        await greeting.FillAsync(new string('x', 1001));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save bot settings" }).ClickAsync();

        await Expect(ErrorOf(page, await greeting.GetAttributeAsync("aria-describedby"))).ToContainTextAsync("longer than 1000 characters");
        Assert.Equal(before, await system.Http.GetStringAsync("/api/admin/controller"));
    }

    [Fact]
    public async Task AdminPages_EveryControlIsLabelled_AndANarrowWindowNeedsNoSidewaysScrolling()
    {
        var page = await SignedInAsync("admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create channel", Exact = true }).WaitForAsync();

        var unlabelled = await page.Locator("input, select, textarea").EvaluateAllAsync<string[]>(
            "controls => controls.filter(c => c.labels.length === 0).map(c => c.id || c.outerHTML)");
        Assert.Empty(unlabelled);
        await page.SetViewportSizeAsync(400, 800);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]}px wide in a {widths[1]}px window");
    }

    [Fact]
    public async Task Agent_SigningIntoTheAdminPages_IsToldItNeedsTheAdminRole()
    {
        var page = await SignInAsync("agent");

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("This page is for users with the admin role.");
        await Expect(page.Locator("#admin")).ToBeHiddenAsync();
    }

    /// <summary>A new user with the role, signed in at /admin/ in a 1280×720 window.</summary>
    private async Task<IPage> SignInAsync(string role) => (await _staff.SignInAsync("/admin/", role, "Ada")).Page;

    private async Task<IPage> SignedInAsync(string role)
    {
        var page = await SignInAsync(role);
        await Expect(page.Locator("#admin")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Fills a section's new-entry form by its labels, creates the entry and waits for the section to say so.</summary>
    private static async Task CreateAsync(IPage page, string section, string noun, params (string Label, string Value)[] values)
    {
        await SubmitAsync(page, section, $"Create {noun}", values);
        await Expect(page.Locator($"#{section}-status")).ToContainTextAsync($"Created {noun}");
    }

    private static async Task SubmitAsync(IPage page, string section, string button, params (string Label, string Value)[] values)
    {
        var form = page.Locator($"#{section}-form");
        foreach (var (label, value) in values)
        {
            await form.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
    }

    private static Task<HttpResponseMessage> PostMessageAsync(HttpClient connector, string service) =>
        connector.PostAsJsonAsync("/api/connector/messages", new
        {
            serviceIdentifier = service,
            customerChannelIdentifier = "+49161" + Random.Shared.Next(1_000_000, 9_999_999),
            connectorMessageId = Guid.NewGuid().ToString("N"),
            text = "Hello",
        });

    /// <summary>The field's error element, among the ids its aria-describedby names (the hint comes first).</summary>
    private static ILocator ErrorOf(IPage page, string? describedBy) =>
        page.Locator("#" + Assert.Single((describedBy ?? string.Empty).Split(' '), id => id.EndsWith("-error", StringComparison.Ordinal)));
}
