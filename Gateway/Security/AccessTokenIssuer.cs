using System.Globalization;
using System.Security.Claims;
using Conversations.Accounts;
using Conversations.Security;
using Conversations.WebHost.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.Gateway.Security;

/// <summary>A signed-in user's tokens: the short-lived access token and the refresh token that renews it.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, UserAccountView User);

/// <summary>Signs access tokens carrying the user id (<c>sub</c>, also the agent id), display name, roles and session generation.</summary>
public sealed class AccessTokenIssuer(SecurityKeys keys, IOptions<SecurityOptions> options, TimeProvider time)
{
    private readonly SigningCredentials _signing = new(AccessTokens.SigningKey(keys), SecurityAlgorithms.HmacSha256);
    private readonly JsonWebTokenHandler _handler = new();

    public TimeSpan Lifetime => options.Value.AccessTokenLifetime;

    public TokenResponse Issue(UserAccountView user, string refreshToken, int sessionGeneration)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(AccessTokens.SubjectClaim, user.Id),
            new(AccessTokens.NameClaim, user.DisplayName),
            new(AccessTokens.SessionGenerationClaim, sessionGeneration.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(AccessTokens.RoleClaim, r)));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokens.Issuer,
            Audience = AccessTokens.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = _signing,
        });
        return new TokenResponse(token, "Bearer", (int)Lifetime.TotalSeconds, refreshToken, user);
    }
}
