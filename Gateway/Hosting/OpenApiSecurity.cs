using Conversations.Gateway.Security;
using Conversations.WebHost.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// Declares in the OpenAPI document how callers authenticate, and on each operation which of those it takes,
/// read from the endpoint's authorization policy, so a generated client knows what to send.
/// </summary>
public static class OpenApiSecurity
{
    private const string Bearer = "bearer";
    private const string Cookie = "cookie";
    private const string ConnectorKey = "connectorKey";
    private const string VisitorToken = "visitorToken";

    public static void Add(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The access token from POST /api/auth/login (or the configured OpenID Connect authority).",
            };
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = AccessTokens.CookieName,
                Description = "The same access token, as the HttpOnly cookie login sets for browsers.",
            };
            document.Components.SecuritySchemes[ConnectorKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A connector's key, or instead its HMAC-SHA256 signature headers (see the README).",
            };
            document.Components.SecuritySchemes[VisitorToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A web chat visitor's token from POST /api/webchat/{serviceIdentifier}/visitors (the event stream also takes it as ?token=).",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }

            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
            operation.Security ??= [];
            foreach (var scheme in policies.Contains(Policies.Connector) ? [ConnectorKey]
                     : policies.Contains(Policies.Visitor) ? [VisitorToken]
                     : new[] { Bearer, Cookie })
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
    }
}
