using Conversations.Gateway.Security;
using Conversations.Gateway.WebChat;
using Conversations.GatewayTests.Foundation;
using Conversations.Security;
using Conversations.Testing;
using Microsoft.Extensions.Options;

namespace Conversations.GatewayTests.Channels;

public sealed class VisitorTokensTests
{
    private readonly ShiftedClock _clock = new();
    private readonly SecurityKeys _keys = SecurityKeys.FromMasterKey(ApiAccess.NewMasterKey());

    [Fact]
    public void Read_IssuedToken_IsTheVisitorOfItsService()
    {
        var tokens = Tokens(_keys);

        var visitor = tokens.Read(tokens.Issue("web:shop", "visitor:abc"));

        Assert.Equal(("web:shop", "visitor:abc"), (visitor?.ServiceIdentifier, visitor?.CustomerIdentifier));
    }

    [Fact]
    public void Read_TokenOfAnotherDeployment_IsNull() =>
        Assert.Null(Tokens(_keys).Read(Tokens(SecurityKeys.FromMasterKey(ApiAccess.NewMasterKey())).Issue("web:shop", "visitor:abc")));

    [Fact]
    public void Read_TokenIssuedFarAheadOfThisClock_IsNull()
    {
        var tokens = Tokens(_keys);
        _clock.Offset = TimeSpan.FromHours(1);
        var early = tokens.Issue("web:shop", "visitor:abc");
        _clock.Offset = TimeSpan.Zero;

        Assert.Null(tokens.Read(early));
    }

    [Fact]
    public void Read_TokenAtTheEndOfItsLifetime_IsNull()
    {
        var tokens = Tokens(_keys);
        var token = tokens.Issue("web:shop", "visitor:abc");

        _clock.Offset = new SecurityOptions().VisitorTokenLifetime - TimeSpan.FromMinutes(1);
        Assert.NotNull(tokens.Read(token));
        _clock.Offset = new SecurityOptions().VisitorTokenLifetime;
        Assert.Null(tokens.Read(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("wv1")]
    [InlineData("wv1..")]
    [InlineData("wv1.!!!.???")]
    [InlineData("wv2.e30.e30")]
    public void Read_Malformed_IsNull(string token) => Assert.Null(Tokens(_keys).Read(token));

    private VisitorTokens Tokens(SecurityKeys keys) => new(keys, Options.Create(new SecurityOptions()), _clock);
}
