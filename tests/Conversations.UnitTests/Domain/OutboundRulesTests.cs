using Conversations.Channels;
using Conversations.Domain;
using Conversations.Outbound;
using static Conversations.UnitTests.Domain.Refusals;

namespace Conversations.UnitTests.Domain;

public sealed class OutboundRulesTests
{
    private static readonly ReplyWindow Open = new(true, DateTimeOffset.UnixEpoch);
    private static readonly ReplyWindow Closed = new(false, null);

    [Fact]
    public void RequireSendable_FreeTextOnWhatsAppOutsideTheWindow_IsAConflict() =>
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => OutboundRules.RequireSendable(ConnectorKind.WhatsAppCloud, template: false, Closed)).Kind);

    [Theory]
    [InlineData(ConnectorKind.WhatsAppCloud, true, false)]
    [InlineData(ConnectorKind.WhatsAppCloud, false, true)]
    [InlineData(ConnectorKind.Twilio, false, false)]
    [InlineData(ConnectorKind.Webhook, false, false)]
    public void RequireSendable_TemplatesInsideTheWindowOrOtherChannels_Pass(ConnectorKind connector, bool template, bool windowOpen) =>
        OutboundRules.RequireSendable(connector, template, windowOpen ? Open : Closed);

    [Theory]
    [InlineData("order-1234:retry.1", false, true)]
    [InlineData("campaign#12", false, false)]
    [InlineData("campaign#12", true, true)]
    [InlineData("", false, false)]
    [InlineData("with space", false, false)]
    public void IsRequestId_ClientsIdsAndBatchRecipients_AreToldApart(string id, bool batchRecipient, bool valid) =>
        Assert.Equal(valid, OutboundRules.IsRequestId(id, batchRecipient));

    [Fact]
    public void RequireOneContent_TextAndTemplate_IsInvalid() => AssertInvalid(() => OutboundRules.RequireOneContent("Hi", template: true), "text");

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void GivesUpRecipient_OnlyAfterTheThirdFault(int attempts, bool givesUp) => Assert.Equal(givesUp, OutboundRules.GivesUpRecipient(attempts));

    [Theory]
    [InlineData("claims", true)]
    [InlineData("help", false)]
    [InlineData("Claims", false)]
    [InlineData("nobody-pulls-this", false)]
    public void RequireOwnerQueue_OnlyAPullChannelsListPasses(string queue, bool exists)
    {
        Channel[] channels = [new("+4930111", "Claims", "sms-conn", RoutingMode.Pull, 900, "claims"), new("web:help", "Help", "web-conn", RoutingMode.Push, 900, "help")];
        if (exists)
        {
            OutboundRules.RequireOwnerQueue(queue, channels);
        }
        else
        {
            AssertInvalid(() => OutboundRules.RequireOwnerQueue(queue, channels), "ownerQueue");
        }
    }

    [Fact]
    public void RequireOwnerQueueAllowed_AnAgentNamingAQueue_IsForbidden() =>
        Assert.Equal(DomainErrorKind.Forbidden, Assert.Throws<DomainException>(() => OutboundRules.RequireOwnerQueueAllowed("claims", agent: true)).Kind);

    [Fact]
    public void RequireOwnerQueueAllowed_SupervisorsQueueOrAnAgentWithout_Pass()
    {
        OutboundRules.RequireOwnerQueueAllowed("claims", agent: false);
        OutboundRules.RequireOwnerQueueAllowed(null, agent: true);
    }

    [Fact]
    public void RequireOneOwner_AgentAndQueue_IsInvalidNamingTheQueue() => AssertInvalid(() => OutboundRules.RequireOneOwner("olivia", "claims"), "ownerQueue");

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void RequireBatchSize_NoneOrOverTenThousand_IsInvalid(int recipients) => AssertInvalid(() => OutboundRules.RequireBatchSize(recipients), "recipients");
}
