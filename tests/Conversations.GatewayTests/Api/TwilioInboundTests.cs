using System.Net;
using System.Net.Http.Json;
using Conversations.Activities;
using Conversations.Connectors;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

/// <summary>
/// Twilio's incoming-message webhook, posted form-encoded and signed as Twilio does (fields as Twilio's messaging
/// webhook documentation names them), over the public URL the gateway is configured with.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TwilioInboundTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task SmsWebhook_SignedWithTheAuthToken_StartsAConversationAndAnswersEmptyTwiml()
    {
        var channel = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var customer = TwilioWebhooks.NewNumber("+1646");
        var form = TwilioWebhooks.SmsForm(channel, customer, "Hi, has my order shipped?");

        var response = await system.TwilioPostAsync(TwilioWebhooks.MessagesPath(channel.ConnectorId), form, channel.AuthToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync());
        var conversation = await system.ConversationOfPhoneAsync(customer);
        var session = Assert.Single(conversation.ChannelSessions);
        Assert.Equal((channel.Service, customer), (session.ServiceIdentifier, session.CustomerChannelIdentifier));
        Assert.Empty(session.ChannelData);
        var activities = await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversation.Id}/activities?after=0&limit=50", SystemFixture.Json);
        var message = Assert.Single(activities!.Items, a => a.Kind == ActivityKind.CustomerMessage);
        Assert.Equal("Hi, has my order shipped?", message.Text);
    }

    [Fact]
    public async Task WhatsAppWebhook_WithAPicture_KeepsProfileInChannelDataAndThePictureAsAttachment()
    {
        var channel = await _admin.TwilioChannelAsync("whatsapp:" + TwilioWebhooks.NewNumber("+1415"), "WHATSAPP");
        var customer = TwilioWebhooks.NewNumber("+49170");
        var messageSid = "MM" + Guid.NewGuid().ToString("N");
        var mediaUrl = $"https://api.twilio.com/2010-04-01/Accounts/AC{Guid.NewGuid():N}/Messages/{messageSid}/Media/ME{Guid.NewGuid():N}";
        var form = new Dictionary<string, string>
        {
            ["SmsMessageSid"] = messageSid,
            ["NumMedia"] = "1",
            ["ProfileName"] = "Jane Doe",
            ["MessageType"] = "image",
            ["SmsSid"] = messageSid,
            ["WaId"] = customer.TrimStart('+'),
            ["SmsStatus"] = "received",
            ["Body"] = "The parcel arrived like this",
            ["To"] = channel.Service,
            ["MediaContentType0"] = "image/jpeg",
            ["MediaUrl0"] = mediaUrl,
            ["NumSegments"] = "1",
            ["ReferralNumMedia"] = "0",
            ["MessageSid"] = messageSid,
            ["AccountSid"] = "AC" + Guid.NewGuid().ToString("N"),
            ["From"] = "whatsapp:" + customer,
            ["ApiVersion"] = "2010-04-01",
        };

        var response = await system.TwilioPostAsync(TwilioWebhooks.MessagesPath(channel.ConnectorId), form, channel.AuthToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await system.ConversationOfPhoneAsync(customer);
        var session = Assert.Single(conversation.ChannelSessions);
        Assert.Equal(new Dictionary<string, string> { ["profileName"] = "Jane Doe", ["waId"] = customer.TrimStart('+') }, session.ChannelData);
        var activities = await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversation.Id}/activities?after=0&limit=50", SystemFixture.Json);
        var message = Assert.Single(activities!.Items, a => a.Kind == ActivityKind.CustomerMessage);
        Assert.Equal(("The parcel arrived like this", "image/jpeg", mediaUrl), (message.Text, message.Attachments![0].ContentType, message.Attachments[0].Reference));
    }

    [Fact]
    public async Task MmsWebhook_WithAPicture_IsAnAttachmentTheDeskReadsThroughTheGateway()
    {
        var channel = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var customer = TwilioWebhooks.NewNumber("+1646");
        var picture = Guid.NewGuid().ToByteArray();
        var form = TwilioWebhooks.SmsForm(channel, customer, "");
        form["NumMedia"] = "1";
        form["MediaUrl0"] = system.Twilio.PutMedia(channel.AccountSid, channel.AuthToken, picture);
        form["MediaContentType0"] = "image/png";

        await DeskSteps.SucceedAsync(system.TwilioPostAsync(TwilioWebhooks.MessagesPath(channel.ConnectorId), form, channel.AuthToken));

        var conversation = await system.ConversationOfPhoneAsync(customer);
        var activities = await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversation.Id}/activities?after=0&limit=50", SystemFixture.Json);
        var message = Assert.Single(activities!.Items, a => a.Kind == ActivityKind.CustomerMessage);
        Assert.Equal("[1 attachment]", message.Text);
        Assert.Equal("image/png", Assert.Single(message.Attachments!).ContentType);
        var path = $"/api/conversations/{conversation.Id}/activities/{message.Sequence}/attachments/0";
        var download = await system.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(picture, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(("image/png", "nosniff"), (download.Content.Headers.ContentType?.MediaType, download.Headers.GetValues("X-Content-Type-Options").Single()));
        var stranger = await system.UserAsync("agent-" + Guid.NewGuid().ToString("N")[..8], "agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync(path[..^1] + "1")).StatusCode);
    }

    [Fact]
    public async Task Webhooks_BeyondTheConnectorsBurst_Get429WhileOtherConnectorsPass()
    {
        const int burst = 10;
        using var gateway = ApiAccess.Client(await system.StartGatewayAsync(("Security:ConnectorBurst", burst.ToString()), ("Security:ConnectorRequestsPerSecond", "1")));
        var flooded = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var calm = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var form = TwilioWebhooks.SmsForm(flooded, TwilioWebhooks.NewNumber("+1646"), "forged");

        var answers = await Task.WhenAll(Enumerable.Range(0, burst * 3).Select(async _ =>
            (await gateway.PostAsync(TwilioWebhooks.MessagesPath(flooded.ConnectorId), new FormUrlEncodedContent(form))).StatusCode));

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.DoesNotContain(answers, a => a is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden));
        var calmForm = TwilioWebhooks.SmsForm(calm, TwilioWebhooks.NewNumber("+1646"), "hello");
        using var signed = new HttpRequestMessage(HttpMethod.Post, TwilioWebhooks.MessagesPath(calm.ConnectorId)) { Content = new FormUrlEncodedContent(calmForm) };
        signed.Headers.Add(TwilioSignature.Header, TwilioWebhooks.Sign(calm.AuthToken, TwilioWebhooks.MessagesPath(calm.ConnectorId), calmForm));
        Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(signed)).StatusCode);
    }

    public static TheoryData<string, string?> BadSignatures() => new()
    {
        { "no signature", null },
        { "a signature of other bytes", "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
        { "the auth token of another account", "other-token" },
        { "the URL the gateway listens on, not its public one", "loopback-url" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task SmsWebhook_BadOrMissingSignature_Is403AndStoresNothing(string why, string? signature)
    {
        var channel = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var customer = TwilioWebhooks.NewNumber("+1646");
        var form = TwilioWebhooks.SmsForm(channel, customer, "Let me in");
        var path = TwilioWebhooks.MessagesPath(channel.ConnectorId);
        signature = signature switch
        {
            "other-token" => TwilioWebhooks.Sign("0123456789abcdef0123456789abcdef", path, form),
            "loopback-url" => TwilioSignature.Compute(channel.AuthToken, new Uri(system.Anonymous.BaseAddress!, path).ToString(), form),
            _ => signature,
        };

        var response = await system.TwilioPostWithSignatureAsync(path, form, signature);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await system.AssertNoCustomerAsync(customer);
    }

    [Fact]
    public async Task Webhook_ForAWebhookConnector_Is403AndStoresNothing()
    {
        var webhook = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("twilio-other-kind"));
        var customer = TwilioWebhooks.NewNumber("+1646");
        var form = TwilioWebhooks.SmsForm(new TwilioChannel(webhook.Service, webhook.ConnectorId, webhook.Key), customer, "Wrong door");

        var response = await system.TwilioPostAsync(TwilioWebhooks.MessagesPath(webhook.ConnectorId), form, webhook.Key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await system.AssertNoCustomerAsync(customer);
    }

    [Fact]
    public async Task SmsWebhook_ToAnotherConnectorsNumber_Is403AndStoresNothing()
    {
        var mine = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var theirs = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var customer = TwilioWebhooks.NewNumber("+1646");
        var form = TwilioWebhooks.SmsForm(theirs, customer, "Not yours");

        var response = await system.TwilioPostAsync(TwilioWebhooks.MessagesPath(mine.ConnectorId), form, mine.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await system.AssertNoCustomerAsync(customer);
    }
}
