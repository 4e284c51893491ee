using Conversations.Agents;
using Conversations.Channels;
using Conversations.Domain;
using static Conversations.UnitTests.Domain.Refusals;

namespace Conversations.UnitTests.Domain;

public sealed class ChannelCatalogRulesTests
{
    private static readonly Dictionary<string, ChannelType> Types = new() { ["WHATSAPP"] = new("WHATSAPP", "WhatsApp", IdentityKind.Phone) };
    private static readonly Dictionary<string, ChannelProvider> Providers = new() { ["twilio"] = new("twilio", "Twilio") };
    private static readonly ChannelConnector Connector = new("wa", "WhatsApp connector", "twilio", "WHATSAPP", "https://connector.example/outbound");
    private static readonly ChannelConnector TwilioConnector =
        Connector with { WebhookUrl = null, Kind = ConnectorKind.Twilio, Twilio = new TwilioSettings("AC0123456789abcdef0123456789abcdef") };
    private static readonly ChannelConnector WhatsAppConnector = Connector with
    {
        WebhookUrl = null,
        Kind = ConnectorKind.WhatsAppCloud,
        WhatsAppCloud = new WhatsAppCloudSettings("106540352242922", new WhatsAppTemplate("hello_world", "en_US")),
    };
    private static readonly ChannelConnector WebChatConnector = Connector with { WebhookUrl = null, Kind = ConnectorKind.WebChat };
    private static readonly Dictionary<string, ChannelConnector> Connectors = new() { ["wa"] = Connector };
    private static readonly Channel Channel = new("+4930123456", "Support", "wa", RoutingMode.Push, 600);

    [Fact]
    public void Validate_WellFormedEntries_Pass()
    {
        ChannelCatalogRules.Validate(Types["WHATSAPP"]);
        ChannelCatalogRules.Validate(Providers["twilio"]);
        ChannelCatalogRules.Validate(Connector, Types, Providers);
        ChannelCatalogRules.Validate(TwilioConnector, Types, Providers);
        ChannelCatalogRules.Validate(WhatsAppConnector, Types, Providers);
        ChannelCatalogRules.Validate(WebChatConnector, Types, Providers);
        ChannelCatalogRules.Validate(Channel, Connectors);
        ChannelCatalogRules.Validate(Channel with { RoutingMode = RoutingMode.Pull, PullListName = "billing" }, Connectors);
    }

    public static TheoryData<ChannelType, string> BadTypes() => new()
    {
        { new ChannelType("whatsapp", "lower-case code", IdentityKind.Phone), "code" },
        { new ChannelType("", "empty code", IdentityKind.Phone), "code" },
        { new ChannelType("WEB", "", IdentityKind.WebVisitor), "name" },
        { new ChannelType("WEB\n", "Web", IdentityKind.WebVisitor), "code" },
        { new ChannelType("WEB", "Web\u0000chat", IdentityKind.WebVisitor), "name" },
        { new ChannelType("WEB", "Web", (IdentityKind)42), "identityKind" },
    };

    [Theory]
    [MemberData(nameof(BadTypes))]
    public void Validate_BadChannelType_IsInvalidNamingTheField(ChannelType type, string field) =>
        AssertInvalid(() => ChannelCatalogRules.Validate(type), field);

    public static TheoryData<ChannelConnector, string> BadConnectors() => new()
    {
        { Connector with { WebhookUrl = "not a url" }, "webhookUrl" },
        { Connector with { WebhookUrl = "ftp://connector.example/outbound" }, "webhookUrl" },
        { Connector with { WebhookUrl = "/relative" }, "webhookUrl" },
        { Connector with { ProviderId = "unknown" }, "providerId" },
        { Connector with { ChannelTypeCode = "SMS" }, "channelTypeCode" },
        { Connector with { Id = "has space" }, "id" },
        { Connector with { Id = "wa\n" }, "id" },
        { Connector with { Name = "Whats\u0007App" }, "name" },
        { Connector with { WebhookUrl = "https://connector.example/" + new string('x', ConnectorRules.MaxWebhookUrlLength) }, "webhookUrl" },
        { Connector with { WebhookUrl = "https://connector.example/\u0000" }, "webhookUrl" },
        { Connector with { Kind = (ConnectorKind)7 }, "kind" },
        { Connector with { Kind = ConnectorKind.Twilio }, "webhookUrl" },
        { Connector with { WebhookUrl = null, Kind = ConnectorKind.Twilio }, "twilio" },
        { Connector with { Twilio = new TwilioSettings("AC0123456789abcdef0123456789abcdef") }, "twilio" },
        { TwilioConnector with { Twilio = new TwilioSettings("AC0123") }, "twilio.accountSid" },
        { TwilioConnector with { Twilio = new TwilioSettings("SK0123456789abcdef0123456789abcdef") }, "twilio.accountSid" },
        { TwilioConnector with { Twilio = new TwilioSettings("AC0123456789abcdef0123456789abcdef\n") }, "twilio.accountSid" },
        { TwilioConnector with { Twilio = new TwilioSettings(null!) }, "twilio.accountSid" },
        { TwilioConnector with { WebhookUrl = null, Twilio = null }, "twilio" },
        { Connector with { WebhookUrl = null }, "webhookUrl" },
        { WhatsAppConnector with { WebhookUrl = "https://connector.example/outbound" }, "webhookUrl" },
        { WhatsAppConnector with { WhatsAppCloud = new WhatsAppCloudSettings("not-digits") }, "whatsAppCloud.phoneNumberId" },
        { WhatsAppConnector with { WhatsAppCloud = new WhatsAppCloudSettings(null!) }, "whatsAppCloud.phoneNumberId" },
        { WhatsAppConnector with { WhatsAppCloud = new WhatsAppCloudSettings("1234", new WhatsAppTemplate("Order Update", "en")) }, "whatsAppCloud.outsideWindowTemplate.name" },
        { WhatsAppConnector with { WhatsAppCloud = new WhatsAppCloudSettings("1234", new WhatsAppTemplate("order_update", "english")) }, "whatsAppCloud.outsideWindowTemplate.language" },
        { WhatsAppConnector with { Twilio = new TwilioSettings("AC0123456789abcdef0123456789abcdef") }, "twilio" },
        { Connector with { Kind = ConnectorKind.WebChat }, "webhookUrl" },
    };

    [Theory]
    [MemberData(nameof(BadConnectors))]
    public void Validate_BadConnector_IsInvalidNamingTheField(ChannelConnector connector, string field) =>
        AssertInvalid(() => ChannelCatalogRules.Validate(connector, Types, Providers), field);

    public static TheoryData<Channel, string> BadChannels() => new()
    {
        { Channel with { ServiceIdentifier = "" }, "serviceIdentifier" },
        { Channel with { ServiceIdentifier = "has space" }, "serviceIdentifier" },
        { Channel with { ServiceIdentifier = "+4930123456\n" }, "serviceIdentifier" },
        { Channel with { Name = "Support\u0000" }, "name" },
        { Channel with { RoutingMode = RoutingMode.Pull, PullListName = "billing\u0000" }, "pullListName" },
        { Channel with { ConnectorId = "unknown" }, "connectorId" },
        { Channel with { CustomerInactivityTimeoutSeconds = ChannelCatalogRules.MinInactivityTimeoutSeconds - 1 }, "customerInactivityTimeoutSeconds" },
        { Channel with { CustomerInactivityTimeoutSeconds = ChannelCatalogRules.MaxInactivityTimeoutSeconds + 1 }, "customerInactivityTimeoutSeconds" },
        { Channel with { RoutingMode = RoutingMode.Pull, PullListName = null }, "pullListName" },
        { Channel with { RoutingMode = (RoutingMode)9 }, "routingMode" },
        { Channel with { WrapUpTimeoutSeconds = 0 }, "wrapUpTimeoutSeconds" },
        { Channel with { WrapUpTimeoutSeconds = ChannelCatalogRules.MaxInactivityTimeoutSeconds + 1 }, "wrapUpTimeoutSeconds" },
        { Channel with { OfferTimeoutSeconds = 0 }, "offerTimeoutSeconds" },
        { Channel with { OfferTimeoutSeconds = ChannelCatalogRules.MaxInactivityTimeoutSeconds + 1 }, "offerTimeoutSeconds" },
        { Channel with { OutboundInactivityTimeoutSeconds = ChannelCatalogRules.MinInactivityTimeoutSeconds - 1 }, "outboundInactivityTimeoutSeconds" },
        { Channel with { OutboundMessagesPerSecond = 0 }, "outboundMessagesPerSecond" },
        { Channel with { OutboundMessagesPerSecond = Channel.MaxOutboundMessagesPerSecond + 1 }, "outboundMessagesPerSecond" },
    };

    [Theory]
    [MemberData(nameof(BadChannels))]
    public void Validate_BadChannel_IsInvalidNamingTheField(Channel channel, string field) =>
        AssertInvalid(() => ChannelCatalogRules.Validate(channel, Connectors), field);

    public static TheoryData<ControllerSettings, string> BadControllerSettings() => new()
    {
        { new ControllerSettings { GreetingText = new string('x', ChannelCatalogRules.MaxTextLength + 1) }, "greetingText" },
        { new ControllerSettings { SurveyText = "How did we do?\u0000" }, "surveyText" },
        { new ControllerSettings { AgentRequestKeywords = ["agent", "hu\u0007man"] }, "agentRequestKeywords" },
        { new ControllerSettings { AgentRequestKeywords = [" "] }, "agentRequestKeywords" },
        { new ControllerSettings { WrapUpCodes = ["RESOLVED", "CALL\u0007BACK"] }, "wrapUpCodes" },
        { new ControllerSettings { WrapUpCodes = [new string('C', AgentTaskRules.MaxWrapUpCodeLength + 1)] }, "wrapUpCodes" },
        { new ControllerSettings { WrapUpCodes = [.. Enumerable.Range(0, ChannelCatalogRules.MaxConfiguredWrapUpCodes + 1).Select(i => $"C{i}")] }, "wrapUpCodes" },
        { new ControllerSettings { NotReadyReasons = [] }, "notReadyReasons" },
        { new ControllerSettings { NotReadyReasons = ["Lunch", "Tea"] }, "notReadyReasons" },
        { new ControllerSettings { NotReadyReasons = [new string('r', AgentRules.MaxReasonLength + 1)] }, "notReadyReasons" },
        { new ControllerSettings { NotReadyReasons = [.. Enumerable.Range(0, ChannelCatalogRules.MaxNotReadyReasons + 1).Select(i => $"R{i}")] }, "notReadyReasons" },
    };

    [Theory]
    [MemberData(nameof(BadControllerSettings))]
    public void Validate_BadControllerSettings_IsInvalidNamingTheField(ControllerSettings settings, string field) =>
        AssertInvalid(() => ChannelCatalogRules.Validate(settings), field);

    [Fact]
    public void Validate_MultiLineBotText_Passes() =>
        ChannelCatalogRules.Validate(new ControllerSettings { SurveyText = "How did we do?\nReply 1-5." });

    [Theory]
    [InlineData(ConnectorKind.Twilio, ConnectorRules.TwilioAuthToken)]
    [InlineData(ConnectorKind.WhatsAppCloud, ConnectorRules.WhatsAppAppSecret)]
    [InlineData(ConnectorKind.WhatsAppCloud, ConnectorRules.WhatsAppAccessToken)]
    [InlineData(ConnectorKind.WhatsAppCloud, ConnectorRules.WhatsAppVerifyToken)]
    [InlineData(ConnectorKind.WebChat, ConnectorRules.WebChatIdentitySecret)]
    public void ValidateProviderSecret_SecretOfTheKind_Passes(ConnectorKind kind, string name) =>
        ConnectorRules.ValidateProviderSecret(Connector with { Kind = kind }, name, "0123456789abcdef0123456789abcdef");

    [Fact]
    public void ValidateProviderSecret_SecretOfAnotherKind_IsInvalidNamingTheOnesItTakes()
    {
        var error = Assert.Throws<DomainException>(() => ConnectorRules.ValidateProviderSecret(TwilioConnector, ConnectorRules.WhatsAppAppSecret, "secret"));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains(ConnectorRules.TwilioAuthToken, error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("token\u0000")]
    public void ValidateProviderSecret_BadSecret_IsInvalidNamingTheField(string? secret) =>
        AssertInvalid(() => ConnectorRules.ValidateProviderSecret(TwilioConnector, ConnectorRules.TwilioAuthToken, secret), "secret");

    [Fact]
    public void ValidateProviderSecret_WebhookConnector_IsInvalidNamingTheKind()
    {
        var error = Assert.Throws<DomainException>(() => ConnectorRules.ValidateProviderSecret(Connector, ConnectorRules.TwilioAuthToken, "0123456789abcdef0123456789abcdef"));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("WEBHOOK", error.Message);
    }

    [Fact]
    public void RequireUnused_Referenced_IsConflictNamingTheUser()
    {
        var error = Assert.Throws<DomainException>(() =>
            ChannelCatalogRules.RequireUnused(Connectors.Values, c => c.ProviderId == "twilio", "provider", c => $"connector '{c.Id}'"));

        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Contains("connector 'wa'", error.Message);
    }

    [Fact]
    public void RequireUnused_NotReferenced_Passes() =>
        ChannelCatalogRules.RequireUnused(Connectors.Values, c => c.ProviderId == "other", "provider", c => c.Id);
}
