using Conversations.Connectors;

namespace Conversations.UnitTests.Domain;

/// <summary>Against the example in Twilio's own SDK tests (twilio-csharp, test/Twilio.Test/Security/RequestValidatorTest.cs).</summary>
public sealed class TwilioSignatureTests
{
    private const string AuthToken = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Published = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    // Out of alphabetical order on purpose, as in Twilio's test.
    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+14158675309"),
        new("Digits", "1234"),
        new("To", "+18005551212"),
        new("Caller", "+14158675309"),
    ];

    [Fact]
    public void Compute_TwilioSdkExample_IsThePublishedSignature() =>
        Assert.Equal(Published, TwilioSignature.Compute(AuthToken, Url, Parameters));

    [Fact]
    public void IsValid_PublishedSignature_IsTrue() =>
        Assert.True(TwilioSignature.IsValid(Published, AuthToken, Url, Parameters));

    [Fact]
    public void IsValid_UrlWithDefaultPortWrittenOut_IsTrue() =>
        Assert.True(TwilioSignature.IsValid(Published, AuthToken, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Parameters));

    [Theory]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("rsoydt4t1cutdk1pdd93/vvr8b8=")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_OtherSignature_IsFalse(string? presented) =>
        Assert.False(TwilioSignature.IsValid(presented, AuthToken, Url, Parameters));

    [Fact]
    public void IsValid_ParameterChanged_IsFalse() =>
        Assert.False(TwilioSignature.IsValid(Published, AuthToken, Url, [.. Parameters.Where(p => p.Key != "Digits"), new("Digits", "9999")]));

    [Fact]
    public void IsValid_OtherAuthToken_IsFalse() =>
        Assert.False(TwilioSignature.IsValid(Published, "54321", Url, Parameters));

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=2&bar=2")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com:8443/myapp.php?foo=1&bar=2")]
    public void IsValid_OtherUrl_IsFalse(string url) =>
        Assert.False(TwilioSignature.IsValid(Published, AuthToken, url, Parameters));

    [Theory]
    [InlineData("https://a.example/x?y=1", "https://a.example:443/x?y=1")]
    [InlineData("https://a.example:443/x", "https://a.example/x")]
    [InlineData("http://a.example", "http://a.example:80")]
    [InlineData("http://[::1]/hook", "http://[::1]:80/hook")]
    public void WithAndWithoutDefaultPort_DefaultPortUrl_GivesBothForms(string url, string other) =>
        Assert.Equal([url, other], TwilioSignature.WithAndWithoutDefaultPort(url));

    [Theory]
    [InlineData("https://a.example:8443/x")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("not a url")]
    public void WithAndWithoutDefaultPort_OtherPortOrNoScheme_GivesOnlyTheUrl(string url) =>
        Assert.Equal([url], TwilioSignature.WithAndWithoutDefaultPort(url));
}
