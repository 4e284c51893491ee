using System.Text;
using Conversations.Connectors;

namespace Conversations.UnitTests.Domain;

public sealed class MetaWebhookTests
{
    private const string AppSecret = "meta-app-secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account"}""");

    // printf '%s' '{"object":"whatsapp_business_account"}' | openssl dgst -sha256 -hmac 'meta-app-secret' -hex
    private const string Expected = "sha256=81176fcf9ac718ce2812972d013a8e62f99e6d50aee56fd0e9d9d954c7c0c1b0";

    [Fact]
    public void Sign_KnownBody_IsOpensslsHmac() => Assert.Equal(Expected, MetaWebhook.Sign(AppSecret, Body));

    [Fact]
    public void IsSigned_MetasSignature_IsTrue() => Assert.True(MetaWebhook.IsSigned(Expected, AppSecret, Body));

    [Fact]
    public void IsSigned_UpperCaseHex_IsTrue() =>
        Assert.True(MetaWebhook.IsSigned("sha256=" + Expected["sha256=".Length..].ToUpperInvariant(), AppSecret, Body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha1=81176fcf9ac718ce2812972d013a8e62f99e6d50aee56fd0e9d9d954c7c0c1b0")]
    [InlineData("81176fcf9ac718ce2812972d013a8e62f99e6d50aee56fd0e9d9d954c7c0c1b0")]
    [InlineData("sha256=81176fcf9ac718ce2812972d013a8e62f99e6d50aee56fd0e9d9d954c7c0c1b1")]
    public void IsSigned_MissingMalformedOrWrongHeader_IsFalse(string? header) => Assert.False(MetaWebhook.IsSigned(header, AppSecret, Body));

    [Fact]
    public void IsSigned_OtherSecret_IsFalse() => Assert.False(MetaWebhook.IsSigned(Expected, "other-secret", Body));

    [Fact]
    public void IsSigned_BodyChangedByOneByte_IsFalse() =>
        Assert.False(MetaWebhook.IsSigned(Expected, AppSecret, Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account" }""")));

    [Fact]
    public void IsVerification_SubscribeWithTheToken_IsTrue() => Assert.True(MetaWebhook.IsVerification("subscribe", "verify-me", "verify-me"));

    [Theory]
    [InlineData("subscribe", "verify-you")]
    [InlineData("subscribe", "verify-me-too")]
    [InlineData("subscribe", null)]
    [InlineData("unsubscribe", "verify-me")]
    [InlineData(null, "verify-me")]
    public void IsVerification_WrongModeOrToken_IsFalse(string? mode, string? token) => Assert.False(MetaWebhook.IsVerification(mode, token, "verify-me"));
}
