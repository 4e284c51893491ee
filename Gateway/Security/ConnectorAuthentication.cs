using System.Security.Claims;
using System.Text.Encodings.Web;
using Conversations.Connectors;
using Conversations.Domain;
using Conversations.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Security;

public sealed class ConnectorAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>How far a signed call's timestamp may be from the gateway's clock, either way.</summary>
    public TimeSpan SignatureWindow { get; set; } = ConnectorSignature.DefaultWindow;
}

/// <summary>
/// Connectors prove who they are with their key: preferably an HMAC signature of timestamp and body in the
/// <c>X-Conversations-*</c> headers (the key never travels and a captured call goes stale), or the key itself
/// as <c>Authorization: Bearer</c>. Refusals are 401 problem details with <c>WWW-Authenticate</c>.
/// </summary>
public sealed class ConnectorAuthenticationHandler(
    IOptionsMonitor<ConnectorAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ConnectorSecrets secrets,
    TimeProvider time)
    : AuthenticationHandler<ConnectorAuthenticationOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private const string NotValid = "The connector key or signature is not valid.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.ContainsKey(ConnectorSignature.SignatureHeader))
        {
            return await SignatureAsync();
        }

        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? await BearerAsync(authorization[BearerPrefix.Length..].Trim())
            : AuthenticateResult.NoResult();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The fallback policy challenges every scheme it names (on connector paths people's forwards here too): once
        // one has answered, say nothing more.
        if (Response.HasStarted)
        {
            return;
        }

        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = new([
            "Bearer realm=\"connector\"",
            $"Conversations-HMAC-SHA256 realm=\"connector\", headers=\"{ConnectorSignature.ConnectorHeader} {ConnectorSignature.TimestampHeader} {ConnectorSignature.SignatureHeader}\"",
        ]);
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Connector not authenticated",
                Detail = failure ?? $"Sign the call ({ConnectorSignature.SignatureHeader}) or send the connector key as a bearer token.",
            },
        });
    }

    private async Task<AuthenticateResult> BearerAsync(string key)
    {
        var connectorId = ConnectorKeys.ConnectorIdOf(key);
        return connectorId is not null && await secrets.GoodNowAsync(connectorId) is { } good && ConnectorKeys.Matches(key, good)
            ? Success(connectorId)
            : AuthenticateResult.Fail(NotValid);
    }

    private async Task<AuthenticateResult> SignatureAsync()
    {
        var connectorId = Request.Headers[ConnectorSignature.ConnectorHeader].ToString();
        if (!ChannelCatalogRules.IsSlug(connectorId) || await secrets.GoodNowAsync(connectorId) is not { } good)
        {
            return AuthenticateResult.Fail(NotValid);
        }

        // The body is read here once and again by the endpoint; Kestrel's body size limit bounds it.
        Request.EnableBuffering();
        using var body = new MemoryStream();
        await Request.Body.CopyToAsync(body, Context.RequestAborted);
        Request.Body.Position = 0;

        var verdict = ConnectorSignature.Verify(
            Request.Headers[ConnectorSignature.TimestampHeader], Request.Headers[ConnectorSignature.SignatureHeader], body.GetBuffer().AsSpan(0, (int)body.Length),
            good, time.GetUtcNow(), Options.SignatureWindow);
        return verdict switch
        {
            SignatureVerdict.Valid => Success(connectorId),
            SignatureVerdict.Stale => AuthenticateResult.Fail(
                $"The timestamp is more than {(int)Options.SignatureWindow.TotalSeconds} s from the gateway's clock; sign the call when sending it."),
            SignatureVerdict.Malformed => AuthenticateResult.Fail(
                $"{ConnectorSignature.TimestampHeader} must be unix seconds and {ConnectorSignature.SignatureHeader} v1=<hex HMAC-SHA256>."),
            _ => AuthenticateResult.Fail(NotValid),
        };
    }

    private AuthenticateResult Success(string connectorId)
    {
        var identity = new ClaimsIdentity([new Claim(ConnectorIdentity.ConnectorClaim, connectorId)], Scheme.Name, ConnectorIdentity.ConnectorClaim, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
