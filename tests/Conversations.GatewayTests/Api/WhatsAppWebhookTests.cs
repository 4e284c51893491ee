using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Connectors;
using Conversations.Conversations;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

/// <summary>
/// Meta's webhook for a WhatsApp Cloud API number, called as Meta does (payloads shaped as its webhook reference shows
/// them, signed with the app secret), with the silo sending through a fake Graph API.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WhatsAppWebhookTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Handshake_WithTheVerifyToken_EchoesTheChallengeAsPlainText()
    {
        var channel = await _admin.WhatsAppChannelAsync();

        var response = await system.Anonymous.GetAsync(HandshakePath(channel.ConnectorId, "subscribe", channel.VerifyToken, "1158201444"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("a wrong token", "subscribe", "verify-wrong", "1158201444")]
    [InlineData("no token", "subscribe", null, "1158201444")]
    [InlineData("another mode", "unsubscribe", "{token}", "1158201444")]
    [InlineData("no challenge", "subscribe", "{token}", null)]
    public async Task Handshake_WrongTokenModeOrChallenge_Is403(string why, string mode, string? token, string? challenge)
    {
        var channel = await _admin.WhatsAppChannelAsync();

        var response = await system.Anonymous.GetAsync(HandshakePath(channel.ConnectorId, mode, token?.Replace("{token}", channel.VerifyToken), challenge));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Handshake_UnknownConnector_Is403() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Anonymous.GetAsync(HandshakePath("whatsapp-unknown", "subscribe", "verify-x", "1"))).StatusCode);

    [Fact]
    public async Task SignedTextMessage_StartsAConversation_AndTheGreetingGoesToTheGraphApiWithCallbackData()
    {
        var channel = await _admin.WhatsAppChannelAsync();
        var customer = NewCustomer();

        var response = await PostAsync(channel, WhatsAppWebhooks.TextMessage(channel, customer, "Does it come in another color?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await system.ConversationOfPhoneAsync(customer);
        var session = Assert.Single(conversation.ChannelSessions);
        Assert.Equal((channel.Service, customer), (session.ServiceIdentifier, session.CustomerChannelIdentifier));
        Assert.Equal(new Dictionary<string, string> { ["profileName"] = "Sheena Nelson" }, session.ChannelData);
        Assert.Equal(new ReplyWindow(true, session.LastActivityAt.AddHours(24)), session.ReplyWindow);
        var greeting = await SentMessageAsync(conversation.Id, DeliveryOutcome.Sent);
        Assert.Equal("Does it come in another color?", (await ActivitiesAsync(conversation.Id)).Single(a => a.Kind == ActivityKind.CustomerMessage).Text);

        var sent = Assert.Single(system.WhatsAppGraph.From(channel.PhoneNumberId));
        Assert.Equal("v21.0", sent.Version);
        Assert.Equal("Bearer " + channel.AccessToken, sent.Headers["Authorization"]);
        Assert.Equal(
            $$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"{{customer.TrimStart('+')}}","type":"text","text":{"body":{{JsonSerializer.Serialize(greeting.Text)}},"preview_url":false},"biz_opaque_callback_data":"{{conversation.Id}}:{{greeting.Sequence}}"}""",
            sent.Body.GetRawText());
    }

    [Fact]
    public async Task ImageMessage_IsAnAttachmentTheDeskReadsThroughTheGateway()
    {
        var channel = await _admin.WhatsAppChannelAsync();
        var customer = NewCustomer();
        var picture = Guid.NewGuid().ToByteArray();
        var mediaId = system.WhatsAppGraph.PutMedia(channel.AccessToken, "image/jpeg", picture);

        await DeskSteps.SucceedAsync(PostAsync(channel, WhatsAppWebhooks.Notification(channel, $$$"""
            "messages":[{"from":"{{{customer.TrimStart('+')}}}","id":"wamid.{{{Guid.NewGuid():N}}}","timestamp":"1749416383","type":"image",
              "image":{"caption":"The parcel arrived like this","mime_type":"image/jpeg","sha256":"x","id":"{{{mediaId}}}"}}]
            """)));

        var conversation = await system.ConversationOfPhoneAsync(customer);
        var message = (await ActivitiesAsync(conversation.Id)).Single(a => a.Kind == ActivityKind.CustomerMessage);
        Assert.Equal("The parcel arrived like this", message.Text);
        Assert.Equal(new MessageAttachment("image/jpeg", null, null, AttachmentSource.WhatsAppMedia, mediaId), Assert.Single(message.Attachments!));
        var download = await system.Http.GetAsync($"/api/conversations/{conversation.Id}/activities/{message.Sequence}/attachments/0");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(picture, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ConversationView_ADayAfterTheCustomersLastMessage_ShowsTheReplyWindowClosed()
    {
        var (_, conversationId, _) = await GreetedAsync();
        system.GatewayClock.Offset = TimeSpan.FromHours(25);
        try
        {
            using var admin = await system.AdminSignedInNowAsync();
            var session = Assert.Single((await admin.GetFromJsonAsync<ConversationView>($"/api/conversations/{conversationId}", SystemFixture.Json))!.ChannelSessions);

            Assert.Equal(new ReplyWindow(false, session.LastActivityAt.AddHours(24)), session.ReplyWindow);
        }
        finally
        {
            system.GatewayClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Greeting_RefusedByTheGraphApi_FailsForGoodWithMetasError()
    {
        var channel = await _admin.WhatsAppChannelAsync();
        var customer = NewCustomer();
        system.WhatsAppGraph.RefuseRecipient(customer.TrimStart('+'));

        await DeskSteps.SucceedAsync(PostAsync(channel, WhatsAppWebhooks.TextMessage(channel, customer, "Hello")));

        var greeting = await SentMessageAsync((await system.ConversationOfPhoneAsync(customer)).Id, DeliveryOutcome.Failed);
        Assert.Equal(
            "HTTP 400 Bad Request: WhatsApp error 131030: (#131030) Recipient phone number not in allowed list (Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.)",
            greeting.DeliveryFailure);
        Assert.Single(system.WhatsAppGraph.From(channel.PhoneNumberId));
    }

    [Fact]
    public async Task Webhook_BeyondTheConnectorsBurst_Gets429WhileOtherConnectorsPass()
    {
        const int burst = 10;
        using var gateway = ApiAccess.Client(await system.StartGatewayAsync(("Security:ConnectorBurst", burst.ToString()), ("Security:ConnectorRequestsPerSecond", "1")));
        var flooded = await _admin.WhatsAppChannelAsync();
        var calm = await _admin.WhatsAppChannelAsync();
        var forged = WhatsAppWebhooks.TextMessage(flooded, NewCustomer(), "forged");

        var answers = await Task.WhenAll(Enumerable.Range(0, burst * 3).Select(async _ =>
            (await gateway.PostAsync(WhatsAppWebhooks.WebhookPath(flooded.ConnectorId), new StringContent(forged, Encoding.UTF8, "application/json"))).StatusCode));

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.DoesNotContain(answers, a => a is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden));
        var hello = WhatsAppWebhooks.TextMessage(calm, NewCustomer(), "hello");
        using var signed = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhooks.WebhookPath(calm.ConnectorId)) { Content = new StringContent(hello, Encoding.UTF8, "application/json") };
        signed.Headers.Add(MetaWebhook.SignatureHeader, MetaWebhook.Sign(calm.AppSecret, Encoding.UTF8.GetBytes(hello)));
        Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(signed)).StatusCode);
    }

    public static TheoryData<string, string?> BadSignatures() => new()
    {
        { "no signature", null },
        { "the app secret of another app", "other-secret" },
        { "a signature of other bytes", "other-body" },
        { "not a signature", "sha256=zz" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Message_BadOrMissingSignature_Is403AndStoresNothing(string why, string? signature)
    {
        var channel = await _admin.WhatsAppChannelAsync();
        var customer = NewCustomer();
        var body = WhatsAppWebhooks.TextMessage(channel, customer, "Let me in");
        signature = signature switch
        {
            "other-secret" => MetaWebhook.Sign("app-of-someone-else", Encoding.UTF8.GetBytes(body)),
            "other-body" => MetaWebhook.Sign(channel.AppSecret, Encoding.UTF8.GetBytes(body + " ")),
            _ => signature,
        };

        var response = await PostAsync(channel.ConnectorId, body, signature);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await system.AssertNoCustomerAsync(customer);
    }

    [Fact]
    public async Task Message_ForAnotherConnectorsNumber_IsAnswered200ButStoresNothing()
    {
        var mine = await _admin.WhatsAppChannelAsync();
        var theirs = await _admin.WhatsAppChannelAsync();
        var customer = NewCustomer();

        var response = await PostAsync(mine, WhatsAppWebhooks.TextMessage(theirs, customer, "Not yours"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await system.AssertNoCustomerAsync(customer);
    }

    [Fact]
    public async Task Statuses_DeliveredThenRead_MoveTheMessagesDeliveryOn()
    {
        var (channel, conversationId, greeting) = await GreetedAsync();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(channel, Statuses(channel, Status(conversationId, greeting.Sequence, "delivered")))).StatusCode);
        await SentMessageAsync(conversationId, DeliveryOutcome.Delivered);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(channel, Statuses(channel, Status(conversationId, greeting.Sequence, "read")))).StatusCode);

        await SentMessageAsync(conversationId, DeliveryOutcome.Read);
    }

    [Fact]
    public async Task Status_Failed_RecordsMetasCodeAndTitle()
    {
        var (channel, conversationId, greeting) = await GreetedAsync();
        var failed = Status(conversationId, greeting.Sequence, "failed",
            ""","errors":[{"code":131026,"title":"Message undeliverable","message":"Message undeliverable","error_data":{"details":"Message Undeliverable."}}]""");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(channel, Statuses(channel, failed))).StatusCode);

        var message = await SentMessageAsync(conversationId, DeliveryOutcome.Failed);
        Assert.Equal("WhatsApp error 131026: Message undeliverable (Message Undeliverable.)", message.DeliveryFailure);
    }

    [Fact]
    public async Task Status_OfAnotherConnectorsMessage_ChangesNothing()
    {
        var (theirs, conversationId, greeting) = await GreetedAsync();
        var mine = await _admin.WhatsAppChannelAsync();

        var response = await PostAsync(mine, Statuses(mine, Status(conversationId, greeting.Sequence, "read")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A report of its own for the same message, sent after the other's: once it counts, the other's has been handled.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(theirs, Statuses(theirs, Status(conversationId, greeting.Sequence, "delivered")))).StatusCode);
        await SentMessageAsync(conversationId, DeliveryOutcome.Delivered);
    }

    /// <summary>A conversation started on a new WhatsApp channel, and its greeting once the Graph API took it.</summary>
    private async Task<(WhatsAppChannel Channel, string ConversationId, Activity Greeting)> GreetedAsync()
    {
        var channel = await _admin.WhatsAppChannelAsync();
        var customer = NewCustomer();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(channel, WhatsAppWebhooks.TextMessage(channel, customer, "Hello"))).StatusCode);
        var conversation = await system.ConversationOfPhoneAsync(customer);
        return (channel, conversation.Id, await SentMessageAsync(conversation.Id, DeliveryOutcome.Sent));
    }

    /// <summary>The conversation's first bot message, once its delivery is <paramref name="outcome"/>.</summary>
    private async Task<Activity> SentMessageAsync(string conversationId, DeliveryOutcome outcome) =>
        (await Eventually.MatchesAsync(
            () => ActivitiesAsync(conversationId),
            activities => activities.FirstOrDefault(a => a.Kind == ActivityKind.BotMessage)?.Delivery == outcome,
            $"the bot's first message to be {outcome}"))
        .First(a => a.Kind == ActivityKind.BotMessage);

    private static string Statuses(WhatsAppChannel channel, string status) => WhatsAppWebhooks.Notification(channel, $$"""
        "statuses":[{{status}}]
        """);

    private static string Status(string conversationId, long sequence, string status, string extra = "") => $$"""
        {"id":"wamid.{{Guid.NewGuid():N}}","status":"{{status}}","timestamp":"1750263773","recipient_id":"16505551234",
         "biz_opaque_callback_data":"{{conversationId}}:{{sequence}}"{{extra}}}
        """;

    private Task<HttpResponseMessage> PostAsync(WhatsAppChannel channel, string body) => system.PostWhatsAppAsync(channel, body);

    private Task<HttpResponseMessage> PostAsync(string connectorId, string body, string? signature) => system.PostWhatsAppAsync(connectorId, body, signature);

    private static string HandshakePath(string connectorId, string mode, string? token, string? challenge) =>
        WhatsAppWebhooks.WebhookPath(connectorId) + $"?hub.mode={mode}"
        + (token is null ? string.Empty : $"&hub.verify_token={Uri.EscapeDataString(token)}")
        + (challenge is null ? string.Empty : $"&hub.challenge={challenge}");

    private async Task<IReadOnlyList<Activity>> ActivitiesAsync(string conversationId) =>
        (await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversationId}/activities?after=0&limit=50", SystemFixture.Json))!.Items;

    private static string NewCustomer() => "+1650" + Random.Shared.Next(1_000_000, 9_999_999);
}
