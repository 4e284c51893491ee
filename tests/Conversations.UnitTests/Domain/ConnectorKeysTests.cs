using Conversations.Connectors;

namespace Conversations.UnitTests.Domain;

public sealed class ConnectorKeysTests
{
    [Fact]
    public void ConnectorIdOf_ComposedKey_IsItsConnector() =>
        Assert.Equal("wa-twilio_2", ConnectorKeys.ConnectorIdOf(ConnectorKeys.Compose("wa-twilio_2", "AbC-_9")));

    [Theory]
    [InlineData("no-dot")]
    [InlineData(".secret")]
    [InlineData("conn.")]
    [InlineData("conn.se.cret")]
    [InlineData("conn id.secret")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln")]
    public void ConnectorIdOf_NotAKey_IsNull(string presented) =>
        Assert.Null(ConnectorKeys.ConnectorIdOf(presented));

    [Fact]
    public void Matches_OneOfTheGoodKeys_IsTrue() =>
        Assert.True(ConnectorKeys.Matches("c.new", ["c.new", "c.old"]) && ConnectorKeys.Matches("c.old", ["c.new", "c.old"]));

    [Theory]
    [InlineData("c.ne")]
    [InlineData("c.newer")]
    [InlineData("C.NEW")]
    public void Matches_AnythingElse_IsFalse(string presented) =>
        Assert.False(ConnectorKeys.Matches(presented, ["c.new"]));
}
