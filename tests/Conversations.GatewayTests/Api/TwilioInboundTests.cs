using System.Net;
using System.Net.Http.Json;
using Conversations.Activities;
using Conversations.Connectors;
using Conversations.GatewayTests.Foundation;

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
        var channel = await _admin.TwilioChannelAsync(NewNumber("+1415"));
        var customer = NewNumber("+1646");
        var form = SmsForm(channel, customer, "Hi, has my order shipped?");

        var response = await PostAsync(channel.ConnectorId, form, Sign(channel.AuthToken, channel.ConnectorId, form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync());
        var conversation = await system.ActiveConversationOfAsync(customer);
        var session = Assert.Single(conversation.ChannelSessions);
        Assert.Equal((channel.Service, customer), (session.ServiceIdentifier, session.CustomerChannelIdentifier));
        Assert.Empty(session.ChannelData);
        var activities = await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversation.Id}/activities?after=0&limit=50", SystemFixture.Json);
        var message = Assert.Single(activities!.Items, a => a.Kind == ActivityKind.CustomerMessage);
        Assert.Equal("Hi, has my order shipped?", message.Text);
    }

    [Fact]
    public async Task WhatsAppWebhook_WithAPicture_KeepsProfileAndMediaInChannelData()
    {
        var channel = await _admin.TwilioChannelAsync("whatsapp:" + NewNumber("+1415"), "WHATSAPP");
        var customer = NewNumber("+49170");
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

        var response = await PostAsync(channel.ConnectorId, form, Sign(channel.AuthToken, channel.ConnectorId, form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = Assert.Single((await system.ActiveConversationOfAsync(customer)).ChannelSessions);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["profileName"] = "Jane Doe",
                ["waId"] = customer.TrimStart('+'),
                ["numMedia"] = "1",
                ["mediaUrl0"] = mediaUrl,
                ["mediaContentType0"] = "image/jpeg",
            },
            session.ChannelData);
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
        var channel = await _admin.TwilioChannelAsync(NewNumber("+1415"));
        var customer = NewNumber("+1646");
        var form = SmsForm(channel, customer, "Let me in");
        var path = MessagesPath(channel.ConnectorId);
        signature = signature switch
        {
            "other-token" => Sign("0123456789abcdef0123456789abcdef", channel.ConnectorId, form),
            "loopback-url" => TwilioSignature.Compute(channel.AuthToken, new Uri(system.Anonymous.BaseAddress!, path).ToString(), form),
            _ => signature,
        };

        var response = await PostAsync(channel.ConnectorId, form, signature);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await system.AssertNoCustomerAsync(customer);
    }

    [Fact]
    public async Task Webhook_ForAWebhookConnector_Is403AndStoresNothing()
    {
        var webhook = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("twilio-other-kind"));
        var customer = NewNumber("+1646");
        var form = SmsForm(new TwilioChannel(webhook.Service, webhook.ConnectorId, webhook.Key), customer, "Wrong door");

        var response = await PostAsync(webhook.ConnectorId, form, Sign(webhook.Key, webhook.ConnectorId, form));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await system.AssertNoCustomerAsync(customer);
    }

    [Fact]
    public async Task SmsWebhook_ToAnotherConnectorsNumber_Is403AndStoresNothing()
    {
        var mine = await _admin.TwilioChannelAsync(NewNumber("+1415"));
        var theirs = await _admin.TwilioChannelAsync(NewNumber("+1415"));
        var customer = NewNumber("+1646");
        var form = SmsForm(theirs, customer, "Not yours");

        var response = await PostAsync(mine.ConnectorId, form, Sign(mine.AuthToken, mine.ConnectorId, form));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await system.AssertNoCustomerAsync(customer);
    }

    private static Dictionary<string, string> SmsForm(TwilioChannel channel, string customer, string body)
    {
        var sid = "SM" + Guid.NewGuid().ToString("N");
        return new Dictionary<string, string>
        {
            ["ToCountry"] = "US",
            ["ToState"] = "CA",
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["ToCity"] = "SAN FRANCISCO",
            ["FromZip"] = "10001",
            ["SmsSid"] = sid,
            ["FromState"] = "NY",
            ["SmsStatus"] = "received",
            ["FromCity"] = "NEW YORK",
            ["Body"] = body,
            ["FromCountry"] = "US",
            ["To"] = channel.Service,
            ["ToZip"] = "94105",
            ["NumSegments"] = "1",
            ["MessageSid"] = sid,
            ["AccountSid"] = "AC" + Guid.NewGuid().ToString("N"),
            ["From"] = customer,
            ["ApiVersion"] = "2010-04-01",
        };
    }

    private static string MessagesPath(string connectorId) => $"/api/channels/twilio/{connectorId}/messages";

    /// <summary>As Twilio signs: over the URL pasted in its console, the gateway's public one.</summary>
    private static string Sign(string authToken, string connectorId, Dictionary<string, string> form) =>
        TwilioSignature.Compute(authToken, SystemFixture.PublicBaseUrl + MessagesPath(connectorId), form);

    private async Task<HttpResponseMessage> PostAsync(string connectorId, Dictionary<string, string> form, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesPath(connectorId)) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignature.Header, signature);
        }

        return await system.Anonymous.SendAsync(request);
    }

    private static string NewNumber(string prefix) => prefix + Random.Shared.Next(1_000_000, 9_999_999);
}
