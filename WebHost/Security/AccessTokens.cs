using System.Globalization;
using System.Security.Claims;
using System.Text;
using Conversations.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    /// <summary>The account's session generation when the token was issued (<see cref="AccessSessions"/>); none reads as 0.</summary>
    public const string SessionGenerationClaim = "sgen";

    /// <summary>How far apart the clocks of the host that issued a token and the one checking it may be (an external authority's too).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    // An external authority may write exp with a fraction of a second; ours never do.
    private static readonly decimal MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static SymmetricSecurityKey SigningKey(SecurityKeys keys) => new(keys.AccessTokenSigning) { KeyId = "conversations-1" };

    /// <summary>Our tokens, refused once their session has ended (<see cref="AccessSessions"/>) as well as when expired.</summary>
    public static AuthenticationBuilder AddConversationsAccessTokens(this AuthenticationBuilder authentication, SecurityKeys keys)
    {
        authentication.Services.TryAddSingleton<AccessSessions>();
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
                ClockSkew = Skew,
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
                OnTokenValidated = async context =>
                {
                    if (!await IsCurrentAsync(context.HttpContext.RequestServices.GetRequiredService<AccessSessions>(), context.Principal))
                    {
                        context.Fail("The session has ended: sign in again.");
                    }
                },
            };
        });

        // Expiry on the host's clock, the one tokens are issued with (the library's default reads the system clock).
        authentication.Services.AddOptions<JwtBearerOptions>(Scheme).Configure<TimeProvider>((o, time) =>
            o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, time.GetUtcNow().UtcDateTime));
        return authentication;
    }

    /// <summary>False when the token's session has ended, or the token names no user or a malformed generation.</summary>
    public static async Task<bool> IsCurrentAsync(AccessSessions sessions, ClaimsPrincipal? user)
    {
        var userId = user?.FindFirst(SubjectClaim)?.Value;
        var generation = user?.FindFirst(SessionGenerationClaim)?.Value;
        var parsed = 0;
        return userId is not null
            && (generation is null || int.TryParse(generation, NumberStyles.None, CultureInfo.InvariantCulture, out parsed))
            && await sessions.IsCurrentAsync(userId, parsed);
    }

    /// <summary>A token without an expiry is never good; <see cref="Skew"/> allows for hosts whose clocks differ a little.</summary>
    public static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, DateTime now) =>
        expires is { } until && now < until + Skew && (notBefore is not { } from || (from <= until && now >= from - Skew));

    /// <summary>When the token <paramref name="user"/> signed in with expires; null when it says nothing.</summary>
    public static DateTimeOffset? ExpiresAt(ClaimsPrincipal user) =>
        decimal.TryParse(user.FindFirst("exp")?.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var exp) && exp <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds((long)exp)
            : null;

    /// <summary>
    /// For what outlives the request that checked the token (a stream): false once the token has expired or, for one of
    /// ours, once its session has ended. An external authority's token is judged by its expiry alone.
    /// </summary>
    public static async Task<bool> StillGoodAsync(AccessSessions sessions, ClaimsPrincipal user, DateTimeOffset now) =>
        IsWithinLifetime(null, ExpiresAt(user)?.UtcDateTime, now.UtcDateTime)
        && (user.FindFirst("iss")?.Value != Issuer || await IsCurrentAsync(sessions, user));

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
