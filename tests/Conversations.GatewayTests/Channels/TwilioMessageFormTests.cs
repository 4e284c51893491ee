using Conversations.Activities;
using Conversations.Gateway.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Conversations.GatewayTests.Channels;

/// <summary>The translation alone, no gateway: Twilio's form fields to the inbound message.</summary>
public sealed class TwilioMessageFormTests
{
    private static readonly Dictionary<string, string> Sms = new()
    {
        ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
        ["From"] = "+14155550100",
        ["To"] = "+14155550199",
        ["Body"] = "Hello",
        ["NumMedia"] = "0",
        ["FromCity"] = "SAN FRANCISCO",
    };

    [Fact]
    public void ToMessage_Sms_MapsToFromSidAndBodyAndNoChannelData()
    {
        var message = TwilioMessageForm.ToMessage(Form(Sms));

        Assert.Equal(("+14155550199", "+14155550100", "SM0123456789abcdef0123456789abcdef", "Hello"),
            (message.ServiceIdentifier, message.CustomerChannelIdentifier, message.ConnectorMessageId, message.Text));
        Assert.Empty(message.ChannelData);
    }

    [Fact]
    public void ToMessage_MediaWithoutBody_SaysSoInTextAndAttachesTheMediaUpToTheCount()
    {
        var message = TwilioMessageForm.ToMessage(Form(Sms, ("Body", ""), ("NumMedia", "2"),
            ("MediaUrl0", "https://api.twilio.com/m/0"), ("MediaContentType0", "image/jpeg"),
            ("MediaUrl1", "https://api.twilio.com/m/1"), ("MediaContentType1", "application/pdf"),
            ("MediaUrl2", "https://api.twilio.com/m/2")));

        Assert.Equal("[2 attachments]", message.Text);
        Assert.Equal(
            [
                new MessageAttachment("image/jpeg", null, null, AttachmentSource.TwilioMedia, "https://api.twilio.com/m/0"),
                new MessageAttachment("application/pdf", null, null, AttachmentSource.TwilioMedia, "https://api.twilio.com/m/1"),
            ],
            message.Attachments!);
        Assert.Empty(message.ChannelData);
    }

    [Fact]
    public void ToMessage_WhatsAppLocation_KeepsProfileAndPlaceAndNamesTheLocation()
    {
        var message = TwilioMessageForm.ToMessage(Form(Sms, ("Body", ""), ("From", "whatsapp:+14155550100"), ("ProfileName", "Jane"),
            ("WaId", "14155550100"), ("Latitude", "52.52"), ("Longitude", "13.405"), ("Address", "Alexanderplatz")));

        Assert.Equal(("whatsapp:+14155550100", "[location 52.52,13.405]"), (message.CustomerChannelIdentifier, message.Text));
        Assert.Equal(
            new Dictionary<string, string> { ["profileName"] = "Jane", ["waId"] = "14155550100", ["latitude"] = "52.52", ["longitude"] = "13.405", ["address"] = "Alexanderplatz" },
            message.ChannelData);
    }

    [Theory]
    [InlineData("To")]
    [InlineData("From")]
    [InlineData("MessageSid")]
    public void ToMessage_RequiredFieldMissing_IsInvalidNamingIt(string field)
    {
        var error = Assert.Throws<DomainException>(() => TwilioMessageForm.ToMessage(Form(Sms, (field, ""))));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains(field, error.Message);
    }

    [Theory]
    [InlineData(null, "http://gateway.internal:8080/api/channels/twilio/tw/messages?x=1")]
    [InlineData("https://cc.example.com", "https://cc.example.com/api/channels/twilio/tw/messages?x=1")]
    [InlineData("https://cc.example.com/prefix/", "https://cc.example.com/prefix/api/channels/twilio/tw/messages?x=1")]
    public void UrlOf_PublicBaseUrlOrNone_IsTheUrlTwilioCalls(string? publicBaseUrl, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("gateway.internal:8080");
        context.Request.Path = "/api/channels/twilio/tw/messages";
        context.Request.QueryString = new QueryString("?x=1");

        Assert.Equal(expected, new ChannelsOptions { PublicBaseUrl = publicBaseUrl }.UrlOf(context.Request));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("https://cc.example.com/prefix", true)]
    [InlineData("cc.example.com", false)]
    [InlineData("ftp://cc.example.com", false)]
    [InlineData("https://cc.example.com/?a=1", false)]
    public void IsValid_PublicBaseUrl_OnlyAbsoluteHttpWithoutQuery(string? publicBaseUrl, bool valid) =>
        Assert.Equal(valid, new ChannelsOptions { PublicBaseUrl = publicBaseUrl }.IsValid());

    private static FormCollection Form(Dictionary<string, string> fields, params (string Name, string Value)[] changes)
    {
        var form = fields.ToDictionary(f => f.Key, f => new StringValues(f.Value));
        foreach (var (name, value) in changes)
        {
            form[name] = value;
        }

        return new FormCollection(form);
    }
}
