using System.Text.Encodings.Web;
using Conversations.Gateway.Endpoints;
using Conversations.Gateway.WebChat;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Security;

/// <summary>
/// Web chat visitors present their visitor token as <c>Authorization: Bearer</c>; the event stream also takes it as
/// <c>?token=</c>, because a browser's EventSource cannot send headers. Only on web chat paths: elsewhere the
/// token means nothing. Refusals are 401 problem details with <c>WWW-Authenticate</c>.
/// </summary>
public sealed class VisitorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, VisitorTokens tokens, RetiredVisitors retired)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokenQueryParameter = "token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Path.StartsWithSegments(WebChatEndpoints.PathPrefix))
        {
            return AuthenticateResult.NoResult();
        }

        var token = GatewayAuthentication.BearerToken(Context)
            ?? (HttpMethods.IsGet(Request.Method) ? Request.Query[TokenQueryParameter].FirstOrDefault() : null);
        return token is null ? AuthenticateResult.NoResult()
            : tokens.Read(token) is not { } visitor || await retired.IsRetiredAsync(visitor)
                ? AuthenticateResult.Fail("The visitor token is not valid or has expired; get a new one from POST /api/webchat/{serviceIdentifier}/visitors.")
                : AuthenticateResult.Success(new AuthenticationTicket(VisitorIdentity.Principal(visitor, Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The fallback policy challenges every scheme it names: elsewhere, or once another answered, say nothing more.
        if (!Request.Path.StartsWithSegments(WebChatEndpoints.PathPrefix) || Response.HasStarted)
        {
            return;
        }

        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"webchat\"";
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Visitor not authenticated",
                Detail = failure ?? "Send the visitor token as a bearer token.",
            },
        });
    }
}
