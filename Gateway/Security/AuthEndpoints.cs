using System.Security.Claims;
using Conversations.Accounts;
using Microsoft.AspNetCore.Mvc;
using SignInResult = Conversations.Accounts.SignInResult;

namespace Conversations.Gateway.Security;

public sealed record LoginRequest(string UserId, string Password);

public sealed record RefreshRequest(string? RefreshToken = null);

public sealed record CallerView(string Id, string? Name, IReadOnlyList<string> Roles);

/// <summary>
/// Signing in and staying signed in: login answers an access token and a refresh token (in the body for API
/// clients and in HttpOnly cookies for browsers); refresh trades the refresh token for new ones; logout ends it.
/// </summary>
public static class AuthEndpoints
{
    public const string LoginRateLimit = "login";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup(SessionCookies.RefreshPath).WithTags("Auth");

        auth.MapPost("/login", async (LoginRequest request, HttpContext http, IClusterClient cluster, AccessTokenIssuer issuer, SessionCookies cookies, TimeProvider time) =>
        {
            AccountRules.ValidateUserId(request.UserId);
            var result = await Account(cluster, request.UserId).SignInAsync(request.Password ?? string.Empty);
            return Answer(result, http, issuer, cookies, time);
        }).AllowAnonymous().RequireRateLimiting(LoginRateLimit);

        auth.MapPost("/refresh", async ([FromBody] RefreshRequest? request, HttpContext http, IClusterClient cluster, AccessTokenIssuer issuer, SessionCookies cookies, TimeProvider time) =>
        {
            var token = RequireRefreshToken(request, http);
            return Answer(await Account(cluster, token.UserId).RefreshAsync(token.Value), http, issuer, cookies, time);
        }).AllowAnonymous().RequireRateLimiting(LoginRateLimit);

        auth.MapPost("/logout", async ([FromBody] RefreshRequest? request, HttpContext http, IClusterClient cluster, SessionCookies cookies) =>
        {
            var token = RequireRefreshToken(request, http);
            await Account(cluster, token.UserId).SignOutAsync(token.Value);
            cookies.Clear(http.Response);
            return Results.NoContent();
        }).AllowAnonymous();

        auth.MapGet("/me", (ClaimsPrincipal user) =>
            new CallerView(user.UserId()!, user.FindFirst("name")?.Value, [.. Roles.All.Where(user.IsInRole)]))
            .RequireAuthorization(Policies.Staff);
    }

    private static IResult Answer(SignInResult result, HttpContext http, AccessTokenIssuer issuer, SessionCookies cookies, TimeProvider time)
    {
        switch (result)
        {
            case { Verdict: SignInVerdict.SignedIn, Account: { } account, RefreshToken: { } refresh, RefreshTokenExpiresAt: { } expires }:
                var tokens = issuer.Issue(account, refresh, result.SessionGeneration);
                cookies.Write(http.Response, tokens, expires);
                return Results.Ok(tokens);
            case { Verdict: SignInVerdict.LockedOut, LockedUntil: { } until }:
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalSeconds)).ToString();
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts",
                    detail: "This account is locked after repeated wrong passwords; try again later.");
            default:
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in",
                    detail: "Wrong user id or password, or the session has ended.");
        }
    }

    /// <summary>The refresh token from the body, else from the browser's cookie; none, or one that cannot be ours, is a 400.</summary>
    private static (string UserId, string Value) RequireRefreshToken(RefreshRequest? request, HttpContext http)
    {
        var given = request?.RefreshToken
            ?? (http.Request.Cookies.TryGetValue(SessionCookies.RefreshCookieName, out var cookie) ? cookie : null)
            ?? throw DomainException.Invalid("The refresh token is required, in the body or its cookie.");
        return Parse(given) ?? throw DomainException.Invalid("That is not a refresh token.");
    }

    /// <summary>A refresh token is <c>userId.secret</c>; the secret is base64url, so it has no dot.</summary>
    private static (string UserId, string Value)? Parse(string token)
    {
        var dot = token.LastIndexOf('.');
        return token.Length <= 200 && dot > 0 && AccountRules.IsUserId(token[..dot])
            && token[(dot + 1)..] is { Length: > 0 } secret && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? (token[..dot], token)
                : null;
    }

    private static IUserAccountGrain Account(IClusterClient cluster, string userId) =>
        cluster.Get<IUserAccountGrain>(GrainKeys.User(userId));
}
