using Conversations.Channels;
using Conversations.Inbound;

namespace Conversations.UnitTests.Domain;

public sealed class ConnectorMessageKeyTests
{
    [Fact]
    public void Of_SameSenderSpelledTwoWays_IsOneKey()
    {
        var first = ConnectorMessageKey.Of(IdentityKind.Phone, "wa-support", "whatsapp:+49 170 1234567", "wamid.1");
        var again = ConnectorMessageKey.Of(IdentityKind.Phone, "wa-support", "0049-170-1234567", "wamid.1");

        Assert.Equal(first, again);
        Assert.Equal("+491701234567", first.Sender);
    }

    [Theory]
    [InlineData("wa-support", "+491709999999", "wamid.1")]
    [InlineData("sms-support", "+491701234567", "wamid.1")]
    [InlineData("wa-support", "+491701234567", "wamid.2")]
    public void Of_AnotherSenderChannelOrId_IsAnotherKey(string service, string sender, string messageId)
    {
        var first = ConnectorMessageKey.Of(IdentityKind.Phone, "wa-support", "+491701234567", "wamid.1");

        Assert.NotEqual(first, ConnectorMessageKey.Of(IdentityKind.Phone, service, sender, messageId));
    }

    [Fact]
    public void Of_WebVisitor_KeepsTheIdentifierAsIs()
    {
        Assert.Equal("Visitor-42", ConnectorMessageKey.Of(IdentityKind.WebVisitor, "web", " Visitor-42 ", "m1").Sender);
    }
}
