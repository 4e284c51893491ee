using System.Text.Json;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Domain;
using Conversations.GrainTests.Foundation;
using Conversations.Outbound;
using Conversations.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.GrainTests.Outbound;

/// <summary>
/// What the WhatsApp transport makes of a message, inside and outside the 24-hour window, on a clock of its own
/// and an activity log holding only the customer's last message.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WhatsAppCloudTransportTests(ClusterFixture fixture)
{
    private const string AccessToken = "EAAG-test-access-token";
    private const string SessionId = "cs-0123456789abcdef0123456789abcdef";
    private const string PublicBaseUrl = "https://cc.example.test";
    private static readonly DateTimeOffset CustomerWrote = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly WhatsAppTemplate Template = new("order_follow_up", "en_US");

    private readonly Builders _given = new(fixture.Grains);
    private readonly FakeTimeProvider _clock = new(CustomerWrote);
    private readonly InMemoryActivityLog _log = new();

    [Fact]
    public async Task Prepare_InsideTheWindow_PostsTheTextToThePhoneNumbersMessagesWithBearerAndCallbackData()
    {
        var connector = await ConnectorAsync(Template);
        _clock.Advance(TimeSpan.FromHours(23));

        var call = await PrepareAsync(connector, "+49 170 1234567");

        Assert.Equal((DeliveryOutcome.Sent, null), (call.OnSuccess, call.Refusal));
        Assert.Equal(HttpMethod.Post, call.Request!.Method);
        Assert.Equal("https://graph.facebook.com/v21.0/106540352242922/messages", call.Request.RequestUri!.ToString());
        Assert.Equal(("Bearer", AccessToken), (call.Request.Headers.Authorization!.Scheme, call.Request.Headers.Authorization.Parameter));
        Assert.Equal("application/json", call.Request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"491701234567","type":"text","text":{"body":"Your parcel ships today.","preview_url":false},"biz_opaque_callback_data":"conv-0123456789abcdef0123456789abcdef:4"}""",
            await call.Request.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("image/png", "image", null)]
    [InlineData("application/pdf", "document", "label.pdf")]
    [InlineData("audio/ogg", "document", "label.pdf")]
    public async Task Prepare_WithAFileInsideTheWindow_SendsItsSignedLinkWithTheTextAsCaption(string contentType, string type, string? filename)
    {
        var connector = await ConnectorAsync(Template);

        var call = await PrepareAsync(connector, "+491701234567", new MessageAttachment(contentType, "label.pdf", 2048, AttachmentSource.Upload, "upload-1"));

        using var body = JsonDocument.Parse(await call.Request!.Content!.ReadAsStringAsync());
        Assert.Equal(type, body.RootElement.GetProperty("type").GetString());
        var media = body.RootElement.GetProperty(type);
        Assert.StartsWith(PublicBaseUrl + "/api/media/upload-1?expires=", media.GetProperty("link").GetString());
        Assert.Equal("Your parcel ships today.", media.GetProperty("caption").GetString());
        Assert.Equal(filename, media.TryGetProperty("filename", out var name) ? name.GetString() : null);
        Assert.False(body.RootElement.TryGetProperty("text", out _));
    }

    [Fact]
    public async Task Prepare_OutsideTheWindowWithATemplate_SendsTheTemplateInstead()
    {
        var connector = await ConnectorAsync(Template);
        _clock.Advance(TimeSpan.FromHours(24));

        var call = await PrepareAsync(connector, "+491701234567");

        using var body = JsonDocument.Parse(await call.Request!.Content!.ReadAsStringAsync());
        Assert.Equal("template", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("""{"name":"order_follow_up","language":{"code":"en_US"}}""", body.RootElement.GetProperty("template").GetRawText());
        Assert.False(body.RootElement.TryGetProperty("text", out _));
        Assert.Equal("conv-0123456789abcdef0123456789abcdef:4", body.RootElement.GetProperty("biz_opaque_callback_data").GetString());
    }

    [Fact]
    public async Task Prepare_OutsideTheWindowWithoutATemplate_RefusesWithTheReason()
    {
        var connector = await ConnectorAsync(template: null);
        _clock.Advance(TimeSpan.FromDays(2));

        var call = await PrepareAsync(connector, "+491701234567");

        Assert.Null(call.Request);
        Assert.Equal((DeliveryOutcome.Failed, WhatsAppCloudTransport.OutsideWindowRefusal), (call.OnSuccess, call.Refusal));
    }

    [Fact]
    public async Task Prepare_WithoutAccessToken_ThrowsSoTheDeliveryRetries()
    {
        var connector = (await _given.ConnectorAsync(c => AsWhatsApp(c, Template))).Connector;

        await Assert.ThrowsAsync<InvalidOperationException>(() => PrepareAsync(connector, "+491701234567"));
    }

    [Fact]
    public async Task ExplainRefusal_MetasErrorAnswer_IsItsCodeMessageAndDetails()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""
                {"error":{"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException","code":131030,
                 "error_data":{"messaging_product":"whatsapp","details":"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."},
                 "fbtrace_id":"AbCdEf1234"}}
                """),
        };

        var explanation = await NewTransport().ExplainRefusalAsync(response, CancellationToken.None);

        Assert.Equal(
            "WhatsApp error 131030: (#131030) Recipient phone number not in allowed list (Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.)",
            explanation);
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"message":"not Meta's shape"}""")]
    [InlineData("")]
    public async Task ExplainRefusal_AnythingElse_IsNull(string body)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway) { Content = new StringContent(body) };

        Assert.Null(await NewTransport().ExplainRefusalAsync(response, CancellationToken.None));
    }

    private async Task<ChannelConnector> ConnectorAsync(WhatsAppTemplate? template)
    {
        var connector = (await _given.ConnectorAsync(c => AsWhatsApp(c, template))).Connector;
        await _given.Catalog.SetProviderSecretAsync(connector.Id, ConnectorRules.WhatsAppAccessToken, AccessToken);
        await _log.AppendAsync([new Activity(
            "conv-0123456789abcdef0123456789abcdef", 1, ActivityKind.CustomerMessage, ParticipantRole.Customer, null, "cust-1", SessionId, "Hi", CustomerWrote)]);
        return connector;
    }

    private async Task<TransportCall> PrepareAsync(ChannelConnector connector, string customer, params MessageAttachment[] files)
    {
        var message = new OutboundMessage(
            "conv-0123456789abcdef0123456789abcdef", 4, SessionId, "+15550783881", customer, connector.Id, "AGENT", "agent-1", "Your parcel ships today.", CustomerWrote,
            files.Length == 0 ? null : files);
        return await NewTransport().PrepareAsync(message, connector, CancellationToken.None);
    }

    private WhatsAppCloudTransport NewTransport()
    {
        var options = Options.Create(new ProviderApiOptions { PublicBaseUrl = PublicBaseUrl });
        return new(
            new ConnectorSecrets(fixture.Grains, fixture.SiloService<SecretBox>(), _clock, NullLogger<ConnectorSecrets>.Instance),
            new AttachmentLinks(new MediaLinks(fixture.SiloService<SecurityKeys>()), options, _clock),
            _log,
            options,
            _clock);
    }

    private static ChannelConnector AsWhatsApp(ChannelConnector connector, WhatsAppTemplate? template) =>
        connector with { Kind = ConnectorKind.WhatsAppCloud, WebhookUrl = null, WhatsAppCloud = new WhatsAppCloudSettings("106540352242922", template) };
}
