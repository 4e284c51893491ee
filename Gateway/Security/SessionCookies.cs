using Conversations.WebHost.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Security;

/// <summary>
/// The browser's copy of the tokens: HttpOnly (no script can read them), SameSite=Strict (no other site can send
/// them), the refresh token only to the auth endpoints.
/// </summary>
public sealed class SessionCookies(IOptions<SecurityOptions> options)
{
    public const string RefreshCookieName = "conversations_refresh";
    public const string RefreshPath = "/api/auth";

    public void Write(HttpResponse response, TokenResponse tokens, DateTimeOffset refreshExpiresAt)
    {
        response.Cookies.Append(AccessTokens.CookieName, tokens.AccessToken, Cookie("/", TimeSpan.FromSeconds(tokens.ExpiresIn)));
        response.Cookies.Append(RefreshCookieName, tokens.RefreshToken, Cookie(RefreshPath, expires: refreshExpiresAt));
    }

    public void Clear(HttpResponse response)
    {
        response.Cookies.Delete(AccessTokens.CookieName, Cookie("/"));
        response.Cookies.Delete(RefreshCookieName, Cookie(RefreshPath));
    }

    private CookieOptions Cookie(string path, TimeSpan? maxAge = null, DateTimeOffset? expires = null) => new()
    {
        Expires = expires,
        HttpOnly = true,
        Secure = options.Value.SecureCookies,
        SameSite = SameSiteMode.Strict,
        Path = path,
        MaxAge = maxAge,
    };
}
