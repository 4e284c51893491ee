using System.Text;
using Conversations.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.WebHost.Security;

/// <summary>
/// The access tokens this deployment issues: short-lived JWTs signed with a key derived from the master key.
/// A browser carries the same token in an HttpOnly cookie, so the desk pages and the dashboard need no script
/// access to it; API clients send it as a bearer token.
/// </summary>
public static class AccessTokens
{
    public const string Scheme = "Conversations";
    public const string Issuer = "conversations";
    public const string Audience = "conversations";
    public const string CookieName = "conversations_access";
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";
    public const string RoleClaim = "role";

    public static SymmetricSecurityKey SigningKey(SecurityKeys keys) => new(keys.AccessTokenSigning) { KeyId = "conversations-1" };

    public static AuthenticationBuilder AddConversationsAccessTokens(this AuthenticationBuilder authentication, SecurityKeys keys) =>
        authentication.AddJwtBearer(Scheme, o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                IssuerSigningKey = SigningKey(keys),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = SubjectClaim,
                RoleClaimType = RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (string.IsNullOrEmpty(context.Request.Headers.Authorization)
                        && context.Request.Cookies.TryGetValue(CookieName, out var cookie))
                    {
                        context.Token = cookie;
                    }

                    return Task.CompletedTask;
                },
            };
        });

    /// <summary>True when <paramref name="token"/> looks like one of ours (by its unverified issuer), so another scheme need not try it.</summary>
    public static bool IsOurs(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
            using var json = System.Text.Json.JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("iss", out var iss) && iss.ValueKind == System.Text.Json.JsonValueKind.String
                && iss.GetString() == Issuer;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
