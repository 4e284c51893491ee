using System.Net;
using System.Net.Http.Json;
using System.Text;
using Conversations.Activities;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

/// <summary>
/// Messages for customers on a TWILIO connector go through Twilio's Messages API (a local fake), and Twilio's status
/// callbacks, signed as Twilio signs them, move their delivery on.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TwilioOutboundTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Greeting_ToAnSmsCustomer_GoesThroughTheMessagesApiWithTheAccountsCredentials()
    {
        var (channel, customer, conversationId) = await CustomerWritesAsync();

        var created = await Eventually.MatchesAsync(() => Task.FromResult(system.Twilio.To(customer)), c => c.Count > 0, "the greeting at Twilio");
        var greeting = Assert.Single(created);
        Assert.Equal(channel.AccountSid, greeting.AccountSid);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{channel.AccountSid}:{channel.AuthToken}")), greeting.Authorization);
        Assert.Equal(channel.Service, greeting.Form["From"]);
        var logged = await BotMessageAsync(conversationId, a => a.Delivery == DeliveryOutcome.Sent, "the greeting sent");
        Assert.Equal(logged.Text, greeting.Form["Body"]);
        Assert.Equal(
            $"{SystemFixture.PublicBaseUrl}/api/channels/twilio/{channel.ConnectorId}/status?conversationId={conversationId}&sequence={logged.Sequence}",
            greeting.Form["StatusCallback"]);
    }

    [Fact]
    public async Task StatusCallbacks_DeliveredReadThenALateSent_EndRead()
    {
        var (channel, customer, conversationId) = await CustomerWritesAsync();
        var greeting = await GreetingAtTwilioAsync(customer);

        foreach (var status in new[] { "delivered", "read", "sent" })
        {
            var response = await system.TwilioPostAsync(CallbackPath(greeting), StatusForm(channel, greeting, status), channel.AuthToken);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await BotMessageAsync(conversationId, a => a.Delivery == DeliveryOutcome.Read, "the greeting read");
    }

    [Fact]
    public async Task StatusCallback_Undelivered_FailsTheMessageWithTwiliosErrorCode()
    {
        var (channel, customer, conversationId) = await CustomerWritesAsync();
        var greeting = await GreetingAtTwilioAsync(customer);
        await BotMessageAsync(conversationId, a => a.Delivery == DeliveryOutcome.Sent, "the greeting sent");
        var form = StatusForm(channel, greeting, "undelivered");
        form["ErrorCode"] = "30003";

        await DeskSteps.SucceedAsync(system.TwilioPostAsync(CallbackPath(greeting), form, channel.AuthToken));

        var failed = await BotMessageAsync(conversationId, a => a.Delivery == DeliveryOutcome.Failed, "the greeting failed");
        Assert.Contains("undelivered", failed.DeliveryFailure);
        Assert.Contains("30003", failed.DeliveryFailure);
    }

    [Fact]
    public async Task StatusCallback_BadSignatureOrAnotherConnectorsMessage_ChangesNothing()
    {
        var (channel, customer, conversationId) = await CustomerWritesAsync();
        var greeting = await GreetingAtTwilioAsync(customer);
        var other = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        await BotMessageAsync(conversationId, a => a.Delivery == DeliveryOutcome.Sent, "the greeting sent");
        var path = CallbackPath(greeting);
        var form = StatusForm(channel, greeting, "delivered");

        var unsigned = await system.TwilioPostWithSignatureAsync(path, form, signature: null);
        var wrongToken = await system.TwilioPostAsync(path, form, other.AuthToken);
        var otherConnector = await system.TwilioPostAsync(path.Replace(channel.ConnectorId, other.ConnectorId), form, other.AuthToken);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent), (unsigned.StatusCode, wrongToken.StatusCode, otherConnector.StatusCode));
        Assert.Equal(DeliveryOutcome.Sent, (await BotMessageAsync(conversationId, _ => true, "the greeting")).Delivery);
    }

    [Fact]
    public async Task Greeting_TwilioRefusesTheNumber_FailsForGoodWithoutRetrying()
    {
        var channel = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var customer = TwilioWebhooks.NewNumber("+1646");
        system.Twilio.RefuseNumber(customer);

        await DeskSteps.SucceedAsync(system.TwilioPostAsync(TwilioWebhooks.MessagesPath(channel.ConnectorId), TwilioWebhooks.SmsForm(channel, customer, "Hello?"), channel.AuthToken));

        var conversation = await system.ConversationOfPhoneAsync(customer);
        var failed = await BotMessageAsync(conversation.Id, a => a.Delivery == DeliveryOutcome.Failed, "the greeting failed");
        Assert.Contains("HTTP 400", failed.DeliveryFailure);
        Assert.Single(system.Twilio.To(customer));
    }

    private async Task<(TwilioChannel Channel, string Customer, string ConversationId)> CustomerWritesAsync()
    {
        var channel = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"));
        var customer = TwilioWebhooks.NewNumber("+1646");
        await DeskSteps.SucceedAsync(system.TwilioPostAsync(
            TwilioWebhooks.MessagesPath(channel.ConnectorId), TwilioWebhooks.SmsForm(channel, customer, "Where is my order?"), channel.AuthToken));
        return (channel, customer, (await system.ConversationOfPhoneAsync(customer)).Id);
    }

    private async Task<FakeTwilioApi.Created> GreetingAtTwilioAsync(string customer) =>
        (await Eventually.MatchesAsync(() => Task.FromResult(system.Twilio.To(customer)), c => c.Count > 0, "the greeting at Twilio"))[0];

    /// <summary>The callback URL the message was created with, as a path on the gateway.</summary>
    private static string CallbackPath(FakeTwilioApi.Created message) => message.Form["StatusCallback"][SystemFixture.PublicBaseUrl.Length..];

    /// <summary>A status callback as Twilio's documentation shows it.</summary>
    private static Dictionary<string, string> StatusForm(TwilioChannel channel, FakeTwilioApi.Created message, string status) => new()
    {
        ["SmsSid"] = message.Sid,
        ["SmsStatus"] = status,
        ["MessageStatus"] = status,
        ["To"] = message.Form["To"],
        ["MessageSid"] = message.Sid,
        ["AccountSid"] = channel.AccountSid,
        ["From"] = channel.Service,
        ["ApiVersion"] = "2010-04-01",
    };

    private async Task<Activity> BotMessageAsync(string conversationId, Func<Activity, bool> condition, string what)
    {
        var greetings = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversationId}/activities?after=0&limit=50", SystemFixture.Json))!
                .Items.Where(a => a.Kind == ActivityKind.BotMessage).ToList(),
            bot => bot.Count > 0 && condition(bot[0]),
            what);
        return greetings[0];
    }
}
