using Conversations.Channels;
using Conversations.Connectors;
using Conversations.Customers;

namespace Conversations.UnitTests.Domain;

public sealed class WebChatIdentityTests
{
    /// <summary>What the README's recipe prints: printf '%s' 'user-42' | openssl dgst -sha256 -hmac 'shop-secret'.</summary>
    private const string OpenSslOutput = "64843da69c58899dcd5bbd60c81a5d76a7c696311e3350133f92dd8be9a8883a";

    [Fact]
    public void Hash_ReadmeExample_IsWhatOpenSslPrints() =>
        Assert.Equal(OpenSslOutput, WebChatIdentity.Hash("shop-secret", "user-42"));

    [Fact]
    public void IsValid_UpperCaseHex_IsTrue() =>
        Assert.True(WebChatIdentity.IsValid("s3cret", "alice", WebChatIdentity.Hash("s3cret", "alice").ToUpperInvariant()));

    [Theory]
    [InlineData("other-secret", "alice")]
    [InlineData("s3cret", "mallory")]
    public void IsValid_OtherSecretOrUser_IsFalse(string secret, string userId) =>
        Assert.False(WebChatIdentity.IsValid(secret, userId, WebChatIdentity.Hash("s3cret", "alice")));

    [Theory]
    [InlineData("alice", null)]
    [InlineData(null, "00")]
    [InlineData("alice", "not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex")]
    [InlineData("alice", "abcd")]
    [InlineData("ali\u0000ce", "0000000000000000000000000000000000000000000000000000000000000000")]
    public void Validate_IncompleteOrMalformed_IsRefused(string? userId, string? userHash) =>
        Assert.Throws<DomainException>(() => WebChatIdentity.Validate(userId, userHash));

    [Fact]
    public void Validate_NoIdentityOrAWholeOne_IsFine()
    {
        WebChatIdentity.Validate(null, null);
        WebChatIdentity.Validate("alice", WebChatIdentity.Hash("s3cret", "alice"));
    }

    [Fact]
    public void Identifiers_VisitorAndUser_NeverCollide()
    {
        var visitor = WebChatIdentity.NewVisitorIdentifier();

        Assert.StartsWith("visitor:", visitor);
        Assert.NotEqual(visitor, WebChatIdentity.NewVisitorIdentifier());
        Assert.Equal("user:visitor:x", WebChatIdentity.UserIdentifier("visitor:x"));
        Assert.True(WebChatIdentity.IsAnonymous(visitor));
        Assert.False(WebChatIdentity.IsAnonymous(WebChatIdentity.UserIdentifier("visitor:x")));
    }

    [Fact]
    public void MayAdopt_OnlyACustomerOfAnonymousVisitorsAlone()
    {
        var visitor = new CustomerIdentity(IdentityKind.WebVisitor, WebChatIdentity.NewVisitorIdentifier());
        var other = new CustomerIdentity(IdentityKind.WebVisitor, WebChatIdentity.NewVisitorIdentifier());

        var user = new CustomerIdentity(IdentityKind.WebVisitor, WebChatIdentity.UserIdentifier("alice"));

        Assert.True(WebChatIdentity.MayAdopt([visitor, other], IdentityKind.WebVisitor));
        Assert.False(WebChatIdentity.MayAdopt([visitor, user], IdentityKind.WebVisitor));
        Assert.False(WebChatIdentity.MayAdopt([visitor, new CustomerIdentity(IdentityKind.Phone, "+4915112345678")], IdentityKind.WebVisitor));
        Assert.True(WebChatIdentity.MayAdopt([visitor with { Kind = IdentityKind.External }], IdentityKind.External));
        Assert.False(WebChatIdentity.IsRetired([visitor, other], IdentityKind.WebVisitor));
        Assert.True(WebChatIdentity.IsRetired([visitor, user], IdentityKind.WebVisitor));
        Assert.False(WebChatIdentity.IsRetired([visitor with { Kind = IdentityKind.External }, new CustomerIdentity(IdentityKind.External, "crm-12345")], IdentityKind.External));
    }
}
