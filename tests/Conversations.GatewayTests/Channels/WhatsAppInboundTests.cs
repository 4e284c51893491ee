using System.Text.Json;
using Conversations.Activities;
using Conversations.Gateway.Channels;
using Conversations.Inbound;

namespace Conversations.GatewayTests.Channels;

/// <summary>
/// The translation alone, no gateway: Meta's webhook notifications (shaped as the WhatsApp Cloud API's webhook
/// reference shows them) to inbound messages and delivery reports.
/// </summary>
public sealed class WhatsAppInboundTests
{
    private const string Wamid = "wamid.HBgLMTY1MDUwNzY1MjAVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";

    [Fact]
    public void Changes_TextMessage_IsFromTheCustomerInE164ToTheDisplayNumberWithTheProfileName()
    {
        var change = Assert.Single(WhatsAppInbound.Changes(Notification(Message("""{"type":"text","text":{"body":"Does it come in another color?"}}"""))));

        Assert.Equal(("106540352242922", "+15550783881"), (change.PhoneNumberId, change.ServiceIdentifier));
        var message = Assert.Single(change.Messages);
        Assert.Equal(("+15550783881", "+16505551234", Wamid, "Does it come in another color?"),
            (message.ServiceIdentifier, message.CustomerChannelIdentifier, message.ConnectorMessageId, message.Text));
        Assert.Equal(new Dictionary<string, string> { ["profileName"] = "Sheena Nelson" }, message.ChannelData);
        Assert.Null(message.Attachments);
    }

    [Fact]
    public void ToMessage_ImageWithCaption_TakesTheCaptionAndTheMediaAsAttachment()
    {
        var message = Single("""
            {"type":"image","image":{"caption":"The parcel arrived like this","mime_type":"image/jpeg",
             "sha256":"MBbM6uC0JpJ3G7UrPhWOg1bE1X5XfTAiUDM1CQnoqeM=","id":"1003383421387256"}}
            """);

        Assert.Equal("The parcel arrived like this", message.Text);
        Assert.Equal([new MessageAttachment("image/jpeg", null, null, AttachmentSource.WhatsAppMedia, "1003383421387256")], message.Attachments!);
    }

    [Fact]
    public void ToMessage_DocumentWithoutCaption_NamesTheFileInTextAndAttachment()
    {
        var message = Single("""
            {"type":"document","document":{"filename":"invoice-4711.pdf","mime_type":"application/pdf",
             "sha256":"aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9d=","id":"2093834631040917"}}
            """);

        Assert.Equal("[document invoice-4711.pdf]", message.Text);
        Assert.Equal([new MessageAttachment("application/pdf", "invoice-4711.pdf", null, AttachmentSource.WhatsAppMedia, "2093834631040917")], message.Attachments!);
    }

    [Fact]
    public void ToMessage_VoiceNote_SaysWhatCameAndKeepsTheMediaTypeWithoutParameters()
    {
        var message = Single("""{"type":"audio","audio":{"mime_type":"audio/ogg; codecs=opus","sha256":"x","id":"3001","voice":true}}""");

        Assert.Equal("[audio]", message.Text);
        Assert.Equal("audio/ogg", Assert.Single(message.Attachments!).ContentType);
    }

    [Theory]
    [InlineData("""{"type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"track-order","title":"Track my order"}}}""", "Track my order")]
    [InlineData("""{"type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"priority","title":"Priority","description":"Next-day delivery"}}}""", "Priority")]
    [InlineData("""{"type":"button","button":{"payload":"STOP_PROMOS","text":"Stop promotions"}}""", "Stop promotions")]
    public void ToMessage_TappedReply_IsItsTitle(string message, string expected) => Assert.Equal(expected, Single(message).Text);

    [Fact]
    public void ToMessage_Location_SaysWhereInTextAndKeepsItInChannelData()
    {
        var message = Single("""
            {"type":"location","location":{"address":"1 Hacker Way, Menlo Park, CA 94025","latitude":37.483307,"longitude":-122.148981,"name":"Main office"}}
            """);

        Assert.Equal("[location 37.483307,-122.148981]", message.Text);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["profileName"] = "Sheena Nelson",
                ["latitude"] = "37.483307",
                ["longitude"] = "-122.148981",
                ["address"] = "1 Hacker Way, Menlo Park, CA 94025",
                ["label"] = "Main office",
            },
            message.ChannelData);
    }

    [Fact]
    public void ToMessage_UnknownType_SaysItsType() =>
        Assert.Equal("[reaction]", Single("""{"type":"reaction","reaction":{"message_id":"wamid.X","emoji":"\uD83D\uDC4D"}}""").Text);

    [Fact]
    public void Changes_MessageWithoutSender_IsLeftOut() =>
        Assert.Empty(Assert.Single(WhatsAppInbound.Changes(Notification("""{"id":"wamid.Y","timestamp":"1749416383","type":"text","text":{"body":"?"}}"""))).Messages);

    [Fact]
    public void Changes_OtherFieldOrNoMetadata_AreLeftOut()
    {
        var json = """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[
              {"field":"account_update","value":{"phone_number":"15550783881","event":"VERIFIED_ACCOUNT"}},
              {"field":"messages","value":{"messaging_product":"whatsapp","messages":[]}}]}]}
            """;

        Assert.Empty(WhatsAppInbound.Changes(Parse(json)));
    }

    [Theory]
    [InlineData("sent", DeliveryOutcome.Sent)]
    [InlineData("delivered", DeliveryOutcome.Delivered)]
    [InlineData("read", DeliveryOutcome.Read)]
    public void ToReport_StatusWithOurCallbackData_NamesTheConversationAndSequence(string status, DeliveryOutcome expected)
    {
        var report = WhatsAppInbound.ToReport(Status(status, "conv-0123456789abcdef0123456789abcdef:7"));

        Assert.Equal(new WhatsAppDeliveryReport("conv-0123456789abcdef0123456789abcdef", 7, expected, null), report);
    }

    [Fact]
    public void ToReport_Failed_SaysMetasCodeTitleAndDetails()
    {
        var status = Status("failed", "conv-1:3") with
        {
            Errors = [new WhatsAppError(131047, "Re-engagement message", "Re-engagement message",
                new WhatsAppErrorData("Message failed to send because more than 24 hours have passed since the customer last replied to this number."))],
        };

        var report = WhatsAppInbound.ToReport(status);

        Assert.Equal(DeliveryOutcome.Failed, report!.Outcome);
        Assert.Equal(
            "WhatsApp error 131047: Re-engagement message (Message failed to send because more than 24 hours have passed since the customer last replied to this number.)",
            report.Failure);
    }

    [Theory]
    [InlineData("delivered", null)]
    [InlineData("delivered", "from-another-system")]
    [InlineData("delivered", "conv-1:x")]
    [InlineData("delivered", ":3")]
    [InlineData("deleted", "conv-1:3")]
    public void ToReport_NotOursOrNotTracked_IsNull(string status, string? callbackData) => Assert.Null(WhatsAppInbound.ToReport(Status(status, callbackData)));

    [Fact]
    public void Changes_StatusesOfSeveralMessages_ReportEach()
    {
        var json = """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
              "statuses":[
                {"id":"wamid.A","status":"delivered","timestamp":"1750263773","recipient_id":"16505551234","biz_opaque_callback_data":"conv-1:2",
                 "pricing":{"billable":true,"pricing_model":"PMP","category":"service","type":"free_customer_service"}},
                {"id":"wamid.B","status":"read","timestamp":"1750263774","recipient_id":"16505551234","biz_opaque_callback_data":"conv-1:3"}]}}]}]}
            """;

        var change = Assert.Single(WhatsAppInbound.Changes(Parse(json)));

        Assert.Equal([new("conv-1", 2, DeliveryOutcome.Delivered, null), new WhatsAppDeliveryReport("conv-1", 3, DeliveryOutcome.Read, null)], change.Reports);
    }

    private static WhatsAppStatus Status(string status, string? callbackData) =>
        new("wamid.Z", status, "1750263773", "16505551234", callbackData, null);

    private static InboundMessage Single(string typed) =>
        Assert.Single(Assert.Single(WhatsAppInbound.Changes(Notification(Message(typed)))).Messages);

    /// <summary>The message's type and content behind Meta's sender, id and timestamp.</summary>
    private static string Message(string typed) =>
        $$"""{"from":"16505551234","id":"{{Wamid}}","timestamp":"1749416383",{{typed.Trim()[1..]}}""";

    private static WhatsAppNotification Notification(string message) => Parse($$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
          "messaging_product":"whatsapp",
          "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
          "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
          "messages":[{{message}}]},"field":"messages"}]}]}
        """);

    private static WhatsAppNotification Parse(string json) => JsonSerializer.Deserialize<WhatsAppNotification>(json, WhatsAppNotification.Json)!;
}
