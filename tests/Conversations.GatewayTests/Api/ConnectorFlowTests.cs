using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Activities;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.GatewayTests.Foundation;
using Conversations.Inbound;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

[Collection(SystemCollection.Name)]
public sealed class ConnectorFlowTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task ConnectorTraffic_EndToEnd_ConfiguresGreetsDeliversWithRetryAndCloses()
    {
        var hook = "flow-" + Guid.NewGuid().ToString("N")[..8];
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook));
        system.Connector.FailNext(hook, 1);
        var phone = "+49151" + Random.Shared.Next(1_000_000, 9_999_999);

        var posted = await channel.Connector.PostAsJsonAsync("/api/connector/messages", new
        {
            serviceIdentifier = channel.Service,
            customerChannelIdentifier = phone,
            connectorMessageId = "wamid.flow.1",
            text = "Hello, my order is late",
            channelData = new Dictionary<string, string> { ["profileName"] = "Jane", ["locale"] = "en-GB" },
        });

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var accepted = await system.ReadAsync<InboundAccepted>(posted);

        var conversation = await system.Http.GetFromJsonAsync<ConversationView>($"/api/conversations/{accepted.ConversationId}", SystemFixture.Json);
        Assert.Equal(ConversationStatus.Created, conversation!.State);
        Assert.Equal("Jane", Assert.Single(conversation.ChannelSessions).ChannelData["profileName"]);

        var delivered = await Eventually.MatchesAsync(() => system.Connector.To(hook), r => r.Any(x => x.AnsweredStatus == 200), "the greeting to be delivered after the retry");
        Assert.Equal([503, 200], delivered.Select(d => d.AnsweredStatus));
        Assert.All(delivered, d => Assert.Equal(delivered[0].Body.GetProperty("messageId").GetString(), d.Body.GetProperty("messageId").GetString()));
        var greeting = delivered[^1].Body;
        Assert.Equal(accepted.ConversationId, greeting.GetProperty("conversationId").GetString());
        Assert.Equal(phone, greeting.GetProperty("customerChannelIdentifier").GetString());
        Assert.Equal("BOT", greeting.GetProperty("from").GetString());

        var activities = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{accepted.ConversationId}/activities?after=0&limit=100", SystemFixture.Json))!,
            page => page.Items.Any(a => a.Delivery == DeliveryOutcome.Delivered),
            "the log to record the delivery");
        Assert.Contains(activities.Items, a => a.Kind == ActivityKind.CustomerMessage && a.Text == "Hello, my order is late");
        Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(activities.Items, a => a.Kind == ActivityKind.BotMessage).Delivery);

        var left = await channel.Connector.PostAsJsonAsync("/api/connector/events", new { serviceIdentifier = channel.Service, customerChannelIdentifier = phone, type = "CUSTOMER_LEFT" });
        Assert.Equal(HttpStatusCode.Accepted, left.StatusCode);
        Assert.True((await system.ReadAsync<ConnectorEventHandled>(left)).Closed);

        var closed = await system.Http.GetFromJsonAsync<ConversationView>($"/api/conversations/{accepted.ConversationId}", SystemFixture.Json);
        Assert.Equal(ConversationStatus.Closed, closed!.State);
        var customer = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<CustomerView>($"/api/customers?kind=PHONE&value={Uri.EscapeDataString(phone)}", SystemFixture.Json))!,
            c => c.ActiveConversationId is null,
            "the customer to have no active conversation");
        Assert.Equal(accepted.CustomerId, customer.Id);
    }

    [Fact]
    public async Task Message_PostedTwice_Answers202WithTheSameIdsAndLogsOnce()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("idempotent"));
        var message = new { serviceIdentifier = channel.Service, customerChannelIdentifier = "+4915112345678", connectorMessageId = "retry-1", text = "once" };

        var first = await system.ReadAsync<InboundAccepted>(await channel.Connector.PostAsJsonAsync("/api/connector/messages", message));
        var again = await channel.Connector.PostAsJsonAsync("/api/connector/messages", message);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(first with { Duplicate = true }, await system.ReadAsync<InboundAccepted>(again));
        var activities = await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{first.ConversationId}/activities", SystemFixture.Json);
        Assert.Single(activities!.Items, a => a.Kind == ActivityKind.CustomerMessage);
    }

    [Fact]
    public async Task Message_SameIdFromTheSameSenderSpelledOtherwise_IsTheDuplicate()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("idempotent"));
        var number = Random.Shared.Next(1_000_000, 9_999_999);
        var messageId = Guid.NewGuid().ToString();

        var first = await PostAsync(channel, $"+49151{number}", messageId, "once");
        var again = await PostAsync(channel, $"whatsapp:+49 151 {number}", messageId, "once");

        Assert.Equal(first with { Duplicate = true }, again);
    }

    [Fact]
    public async Task Message_SameIdFromAnotherSender_IsAcceptedAsThatSendersOwnMessage()
    {
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("reused-id"));
        var messageId = Guid.NewGuid().ToString();

        var jane = await PostAsync(channel, "+49153" + Random.Shared.Next(1_000_000, 9_999_999), messageId, "from Jane");
        var john = await PostAsync(channel, "+49154" + Random.Shared.Next(1_000_000, 9_999_999), messageId, "from John");

        Assert.False(john.Duplicate);
        Assert.NotEqual(jane.CustomerId, john.CustomerId);
        Assert.NotEqual(jane.ConversationId, john.ConversationId);
        var logged = await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{john.ConversationId}/activities", SystemFixture.Json);
        Assert.Equal("from John", Assert.Single(logged!.Items, a => a.Kind == ActivityKind.CustomerMessage).Text);
    }

    [Fact]
    public async Task Identity_LinkedThroughTheApi_MergesTheWebVisitor()
    {
        var web = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("web"), "WEB", "WEB_VISITOR");
        var whatsapp = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("wa"));
        var visitor = "visitor-" + Guid.NewGuid().ToString("N");
        var phone = "+49152" + Random.Shared.Next(1_000_000, 9_999_999);
        var fromWeb = await system.ReadAsync<InboundAccepted>(await web.Connector.PostAsJsonAsync("/api/connector/messages",
            new { serviceIdentifier = web.Service, customerChannelIdentifier = visitor, connectorMessageId = Guid.NewGuid().ToString(), text = "hi" }));
        var fromPhone = await system.ReadAsync<InboundAccepted>(await whatsapp.Connector.PostAsJsonAsync("/api/connector/messages",
            new { serviceIdentifier = whatsapp.Service, customerChannelIdentifier = phone, connectorMessageId = Guid.NewGuid().ToString(), text = "hi" }));
        await whatsapp.Connector.PostAsJsonAsync("/api/connector/events", new { serviceIdentifier = whatsapp.Service, customerChannelIdentifier = phone, type = "CUSTOMER_LEFT" });

        var linked = await system.Http.PostAsJsonAsync($"/api/customers/{fromPhone.CustomerId}/identities", new { kind = "WEB_VISITOR", value = visitor });

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var customer = await system.ReadAsync<CustomerView>(linked);
        Assert.Equal(fromWeb.ConversationId, customer.ActiveConversationId);
        var merged = await system.Http.GetFromJsonAsync<CustomerView>($"/api/customers/{fromWeb.CustomerId}", SystemFixture.Json);
        Assert.Equal(fromPhone.CustomerId, merged!.MergedInto);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheEndpoints()
    {
        using var document = JsonDocument.Parse(await system.Http.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/connector/messages", paths);
        Assert.Contains("/api/conversations/{id}/activities", paths);
        Assert.Contains("/api/admin/channels/{key}", paths);
    }

    private async Task<InboundAccepted> PostAsync(ConnectorChannel channel, string customer, string messageId, string text)
    {
        var posted = await channel.Connector.PostAsJsonAsync(
            "/api/connector/messages", new { serviceIdentifier = channel.Service, customerChannelIdentifier = customer, connectorMessageId = messageId, text });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        return await system.ReadAsync<InboundAccepted>(posted);
    }
}
