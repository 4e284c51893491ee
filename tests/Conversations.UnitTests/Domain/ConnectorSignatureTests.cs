using System.Text;
using Conversations.Connectors;

namespace Conversations.UnitTests.Domain;

public sealed class ConnectorSignatureTests
{
    private const string Secret = "wa-twilio.c2VjcmV0";
    private const long Timestamp = 1767600000;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"a\":1}");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void Sign_KnownInput_MatchesTheReadmeRecipe() =>
        // printf '%s' '1767600000.{"a":1}' | openssl dgst -sha256 -hmac 'wa-twilio.c2VjcmV0' -hex
        Assert.Equal("v1=5d313fc407048b21ddbfe7a2b48280f7d1827e68aa43634f43ddb362cd679747", ConnectorSignature.Sign(Secret, Timestamp, Body));

    [Fact]
    public void Verify_OwnSignature_IsValid() =>
        Assert.Equal(SignatureVerdict.Valid, Verify(Timestamp, ConnectorSignature.Sign(Secret, Timestamp, Body)));

    [Fact]
    public void Verify_OneOfSeveralSignaturesWithAnyGoodSecret_IsValid()
    {
        var header = ConnectorSignature.Header(["other.key", Secret], Timestamp, Body);

        Assert.Equal(SignatureVerdict.Valid, ConnectorSignature.Verify(Timestamp.ToString(), header, Body, ["third.key", Secret], Now, Window));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Verify_TimestampOutsideTheWindow_IsStale(int offsetSeconds) =>
        Assert.Equal(SignatureVerdict.Stale, Verify(Timestamp + offsetSeconds, ConnectorSignature.Sign(Secret, Timestamp + offsetSeconds, Body)));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampAtTheWindowsEdge_IsValid(int offsetSeconds) =>
        Assert.Equal(SignatureVerdict.Valid, Verify(Timestamp + offsetSeconds, ConnectorSignature.Sign(Secret, Timestamp + offsetSeconds, Body)));

    [Fact]
    public void Verify_TamperedBody_IsAMismatch()
    {
        var signature = ConnectorSignature.Sign(Secret, Timestamp, Body);

        Assert.Equal(SignatureVerdict.Mismatch, ConnectorSignature.Verify(Timestamp.ToString(), signature, Encoding.UTF8.GetBytes("{\"a\":2}"), [Secret], Now, Window));
    }

    [Fact]
    public void Verify_TimestampChangedAfterSigning_IsAMismatch() =>
        Assert.Equal(SignatureVerdict.Mismatch, Verify(Timestamp + 1, ConnectorSignature.Sign(Secret, Timestamp, Body)));

    [Fact]
    public void Verify_SignedWithAnotherSecret_IsAMismatch() =>
        Assert.Equal(SignatureVerdict.Mismatch, Verify(Timestamp, ConnectorSignature.Sign("wa-twilio.other", Timestamp, Body)));

    [Theory]
    [InlineData("1767600000", "")]
    [InlineData("1767600000", "v2=abcd")]
    [InlineData("1767600000", "v1=not-hex")]
    [InlineData("yesterday", "v1=00")]
    [InlineData("-1767600000", "v1=00")]
    [InlineData(null, "v1=00")]
    public void Verify_MalformedHeaders_IsMalformed(string? timestamp, string signature) =>
        Assert.Equal(SignatureVerdict.Malformed, ConnectorSignature.Verify(timestamp, signature, Body, [Secret], Now, Window));

    private static SignatureVerdict Verify(long timestamp, string signature) =>
        ConnectorSignature.Verify(timestamp.ToString(), signature, Body, [Secret], Now, Window);
}
