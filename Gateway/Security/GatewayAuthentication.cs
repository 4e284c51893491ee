using Conversations.Gateway.Endpoints;
using Conversations.Security;
using Conversations.WebHost.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Conversations.Gateway.Security;

/// <summary>
/// Who is calling: people with an access token of ours (bearer or cookie) or, when configured, of an external
/// OpenID Connect authority; connectors with their own credential on <c>/api/connector</c>; web chat visitors with
/// their visitor token on <c>/api/webchat</c>.
/// </summary>
public static class GatewayAuthentication
{
    /// <summary>Picks ours or the external authority's token handler by the token's issuer.</summary>
    public const string PeopleScheme = "People";
    public const string ExternalScheme = "Oidc";
    public const string ConnectorScheme = "Connector";
    public const string VisitorScheme = "Visitor";

    public static void AddGatewayAuthentication(this WebApplicationBuilder builder, SecurityKeys keys, SecurityOptions options)
    {
        var external = options.Oidc is { Authority: { Length: > 0 } } oidc ? oidc : null;
        var authentication = builder.Services.AddAuthentication(PeopleScheme)
            .AddPolicyScheme(PeopleScheme, "Access token", o => o.ForwardDefaultSelector = context => SchemeFor(context, external is not null))
            .AddConversationsAccessTokens(keys)
            .AddScheme<ConnectorAuthenticationOptions, ConnectorAuthenticationHandler>(ConnectorScheme, o => o.SignatureWindow = options.ConnectorSignatureWindow)
            .AddScheme<AuthenticationSchemeOptions, VisitorAuthenticationHandler>(VisitorScheme, _ => { });
        if (external is not null)
        {
            authentication.AddJwtBearer(ExternalScheme, o =>
            {
                o.Authority = external.Authority;
                o.Audience = external.Audience;
                o.RequireHttpsMetadata = external.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = external.UserIdClaim;
                o.TokenValidationParameters.RoleClaimType = external.RoleClaim;
                // The desk stream ends at expiry plus this skew; with the library's five minutes a reconnect would be let in to end again at once.
                o.TokenValidationParameters.ClockSkew = AccessTokens.Skew;
            });
        }

        builder.Services.AddAuthorization(Policies.Add);
    }

    /// <summary>
    /// Connector paths take only connector credentials and web chat paths only visitor tokens, so their bearer tokens are
    /// never tried as JWTs (each call would otherwise be parsed and logged as a failed person sign-in); elsewhere ours or
    /// the external authority's by issuer.
    /// </summary>
    private static string SchemeFor(HttpContext context, bool external) =>
        context.Request.Path.StartsWithSegments(ConnectorEndpoints.PathPrefix) ? ConnectorScheme
        : context.Request.Path.StartsWithSegments(WebChatEndpoints.PathPrefix) ? VisitorScheme
        : external && BearerToken(context) is { } token && !AccessTokens.IsOurs(token) ? ExternalScheme
        : AccessTokens.Scheme;

    public static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
