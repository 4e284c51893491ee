using System.Security.Claims;
using Conversations.WebHost.Security;

namespace Conversations.UnitTests.Security;

public sealed class AccessTokenLifetimeTests
{
    private static readonly DateTime Issued = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Expires = Issued.AddMinutes(15);

    [Theory]
    [InlineData(0, true)]
    [InlineData(15 * 60 + 29, true)]
    [InlineData(15 * 60 + 30, false)]
    [InlineData(-29, true)]
    [InlineData(-31, false)]
    public void IsWithinLifetime_FromNotBeforeToExpiry_With30SecondsOfSkewEitherSide(int secondsAfterIssue, bool good) =>
        Assert.Equal(good, AccessTokens.IsWithinLifetime(Issued, Expires, Issued.AddSeconds(secondsAfterIssue)));

    [Fact]
    public void IsWithinLifetime_WithoutExpiry_OrNotBeforeAfterExpiry_IsNeverGood()
    {
        Assert.False(AccessTokens.IsWithinLifetime(Issued, null, Issued));
        Assert.False(AccessTokens.IsWithinLifetime(Expires.AddSeconds(1), Expires, Expires));
        Assert.True(AccessTokens.IsWithinLifetime(null, Expires, Issued));
    }

    [Theory]
    [InlineData("1795770000", 1795770000L)]
    [InlineData("1795770000.75", 1795770000L)]
    [InlineData("-5", null)]
    [InlineData("soon", null)]
    [InlineData("1e12", null)]
    [InlineData("99999999999999999999", null)]
    [InlineData(null, null)]
    public void ExpiresAt_ReadsWholeOrFractionalUnixSeconds_AndNothingElse(string? exp, long? unixSeconds)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(exp is null ? [] : [new Claim("exp", exp)]));

        Assert.Equal(unixSeconds, AccessTokens.ExpiresAt(user)?.ToUnixTimeSeconds());
    }
}
