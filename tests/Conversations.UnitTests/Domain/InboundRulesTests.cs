using Conversations.Domain;
using Conversations.Inbound;

namespace Conversations.UnitTests.Domain;

public sealed class InboundRulesTests
{
    private static readonly InboundMessage Message = new("+4930123456", "+4917012345678", "wamid.1", "Hello", new Dictionary<string, string> { ["locale"] = "de-DE" });

    [Fact]
    public void Validate_WellFormedMessage_Passes() => Message.Validate();

    [Fact]
    public void Validate_TextAtTheLimit_Passes() =>
        (Message with { Text = new string('a', InboundRules.MaxTextLength) }).Validate();

    public static TheoryData<InboundMessage> BadMessages() => new()
    {
        Message with { ServiceIdentifier = "" },
        Message with { CustomerChannelIdentifier = " " },
        Message with { CustomerChannelIdentifier = "+49170\u00001234567" },
        Message with { ServiceIdentifier = "+4930123456\u0007" },
        Message with { ConnectorMessageId = "wamid\u0000" },
        Message with { Text = "Hello\u0000" },
        Message with { ChannelData = new Dictionary<string, string> { ["lo\ncale"] = "de-DE" } },
        Message with { ChannelData = new Dictionary<string, string> { ["locale"] = "de\u0000DE" } },
        Message with { ConnectorMessageId = "" },
        Message with { ConnectorMessageId = new string('m', InboundRules.MaxConnectorMessageIdLength + 1) },
        Message with { Text = "" },
        Message with { Text = new string('a', InboundRules.MaxTextLength + 1) },
        Message with { ChannelData = new Dictionary<string, string> { [""] = "x" } },
        Message with { ChannelData = new Dictionary<string, string> { ["k"] = new string('v', InboundRules.MaxChannelDataValueLength + 1) } },
        Message with { ChannelData = Enumerable.Range(0, InboundRules.MaxChannelDataEntries + 1).ToDictionary(i => $"k{i}", i => "v") },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public void Validate_BadMessage_IsInvalid(InboundMessage message) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(message.Validate).Kind);

    [Fact]
    public void Validate_MultiLineText_Passes() => (Message with { Text = "Hello,\r\nmy parcel\tis late" }).Validate();

    [Fact]
    public void Validate_EventWithAControlCharacterInTheCustomer_IsInvalid() =>
        Assert.Throws<DomainException>(new ConnectorEvent("svc", "cust\u0000", ConnectorEventType.CustomerLeft).Validate);

    [Fact]
    public void Validate_UnknownEventType_IsInvalid() =>
        Assert.Throws<DomainException>(new ConnectorEvent("svc", "cust", (ConnectorEventType)7).Validate);

    [Fact]
    public void RequireOwnChannel_ChannelsOwnConnector_Passes() => InboundRules.RequireOwnChannel("conn-a", "conn-a", "svc");

    [Fact]
    public void RequireOwnChannel_AnotherConnector_IsForbidden() =>
        Assert.Equal(DomainErrorKind.Forbidden, Assert.Throws<DomainException>(() => InboundRules.RequireOwnChannel("conn-a", "conn-b", "svc")).Kind);
}
