using Conversations.Channels;
using Conversations.Domain;

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

    public static TheoryData<ChannelType> BadTypes() => new()
    {
        new ChannelType("whatsapp", "lower-case code", IdentityKind.Phone),
        new ChannelType("", "empty code", IdentityKind.Phone),
        new ChannelType("WEB", "", IdentityKind.WebVisitor),
        new ChannelType("WEB\n", "Web", IdentityKind.WebVisitor),
        new ChannelType("WEB", "Web\u0000chat", IdentityKind.WebVisitor),
        new ChannelType("WEB", "Web", (IdentityKind)42),
    };

    [Theory]
    [MemberData(nameof(BadTypes))]
    public void Validate_BadChannelType_IsInvalid(ChannelType type) =>
        AssertInvalid(() => ChannelCatalogRules.Validate(type));

    public static TheoryData<ChannelConnector> BadConnectors() => new()
    {
        Connector with { WebhookUrl = "not a url" },
        Connector with { WebhookUrl = "ftp://connector.example/outbound" },
        Connector with { WebhookUrl = "/relative" },
        Connector with { ProviderId = "unknown" },
        Connector with { ChannelTypeCode = "SMS" },
        Connector with { Id = "has space" },
        Connector with { Id = "wa\n" },
        Connector with { Name = "Whats\u0007App" },
        Connector with { WebhookUrl = "https://connector.example/" + new string('x', ConnectorRules.MaxWebhookUrlLength) },
        Connector with { WebhookUrl = "https://connector.example/\u0000" },
        Connector with { Kind = (ConnectorKind)7 },
        Connector with { Kind = ConnectorKind.Twilio },
        Connector with { WebhookUrl = null, Kind = ConnectorKind.Twilio },
        Connector with { Twilio = new TwilioSettings("AC0123456789abcdef0123456789abcdef") },
        TwilioConnector with { Twilio = new TwilioSettings("AC0123") },
        TwilioConnector with { Twilio = new TwilioSettings("SK0123456789abcdef0123456789abcdef") },
        TwilioConnector with { Twilio = new TwilioSettings("AC0123456789abcdef0123456789abcdef\n") },
        TwilioConnector with { Twilio = new TwilioSettings(null!) },
        TwilioConnector with { WebhookUrl = null, Twilio = null },
        Connector with { WebhookUrl = null },
        WhatsAppConnector with { WebhookUrl = "https://connector.example/outbound" },
        WhatsAppConnector with { WhatsAppCloud = new WhatsAppCloudSettings("not-digits") },
        WhatsAppConnector with { WhatsAppCloud = new WhatsAppCloudSettings(null!) },
        WhatsAppConnector with { WhatsAppCloud = new WhatsAppCloudSettings("1234", new WhatsAppTemplate("Order Update", "en")) },
        WhatsAppConnector with { WhatsAppCloud = new WhatsAppCloudSettings("1234", new WhatsAppTemplate("order_update", "english")) },
        WhatsAppConnector with { Twilio = new TwilioSettings("AC0123456789abcdef0123456789abcdef") },
        Connector with { Kind = ConnectorKind.WebChat },
    };

    [Theory]
    [MemberData(nameof(BadConnectors))]
    public void Validate_BadConnector_IsInvalid(ChannelConnector connector) =>
        AssertInvalid(() => ChannelCatalogRules.Validate(connector, Types, Providers));

    public static TheoryData<Channel> BadChannels() => new()
    {
        Channel with { ServiceIdentifier = "" },
        Channel with { ServiceIdentifier = "has space" },
        Channel with { ServiceIdentifier = "+4930123456\n" },
        Channel with { Name = "Support\u0000" },
        Channel with { RoutingMode = RoutingMode.Pull, PullListName = "billing\u0000" },
        Channel with { ConnectorId = "unknown" },
        Channel with { CustomerInactivityTimeoutSeconds = ChannelCatalogRules.MinInactivityTimeoutSeconds - 1 },
        Channel with { CustomerInactivityTimeoutSeconds = ChannelCatalogRules.MaxInactivityTimeoutSeconds + 1 },
        Channel with { RoutingMode = RoutingMode.Pull, PullListName = null },
        Channel with { RoutingMode = (RoutingMode)9 },
        Channel with { WrapUpTimeoutSeconds = 0 },
        Channel with { WrapUpTimeoutSeconds = ChannelCatalogRules.MaxInactivityTimeoutSeconds + 1 },
        Channel with { OfferTimeoutSeconds = 0 },
        Channel with { OfferTimeoutSeconds = ChannelCatalogRules.MaxInactivityTimeoutSeconds + 1 },
    };

    [Theory]
    [MemberData(nameof(BadChannels))]
    public void Validate_BadChannel_IsInvalid(Channel channel) =>
        AssertInvalid(() => ChannelCatalogRules.Validate(channel, Connectors));

    public static TheoryData<ControllerSettings> BadControllerSettings() => new()
    {
        new ControllerSettings { GreetingText = new string('x', ChannelCatalogRules.MaxTextLength + 1) },
        new ControllerSettings { SurveyText = "How did we do?\u0000" },
        new ControllerSettings { AgentRequestKeywords = ["agent", "hu\u0007man"] },
        new ControllerSettings { AgentRequestKeywords = [" "] },
        new ControllerSettings { WrapUpCodes = ["RESOLVED", "CALL\u0007BACK"] },
        new ControllerSettings { WrapUpCodes = [new string('C', AgentTaskRules.MaxWrapUpCodeLength + 1)] },
        new ControllerSettings { WrapUpCodes = [.. Enumerable.Range(0, ChannelCatalogRules.MaxConfiguredWrapUpCodes + 1).Select(i => $"C{i}")] },
    };

    [Theory]
    [MemberData(nameof(BadControllerSettings))]
    public void Validate_BadControllerSettings_IsInvalid(ControllerSettings settings) =>
        AssertInvalid(() => ChannelCatalogRules.Validate(settings));

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
    public void ValidateProviderSecret_BadSecret_IsInvalid(string? secret) =>
        AssertInvalid(() => ConnectorRules.ValidateProviderSecret(TwilioConnector, ConnectorRules.TwilioAuthToken, secret));

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

    private static void AssertInvalid(Action validate) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(validate).Kind);
}
