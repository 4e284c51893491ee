using Conversations.Domain;
using Conversations.Security;

namespace Conversations.Gateway.Security;

/// <summary>
/// What every provider's webhook shares: it is open at the ASP.NET level, since the provider cannot present our
/// credentials and its own signature is the authentication, and rate limited per connector named in its path.
/// </summary>
public static class ProviderWebhooks
{
    public static RouteGroupBuilder MapProviderWebhooks(this IEndpointRouteBuilder app, string provider) =>
        app.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimits.ProviderRateLimit).WithTags(provider);

    /// <summary>The connector's provider secret to check a call with; null for an id no connector can have, without asking the cluster.</summary>
    public static async Task<string?> WebhookSecretAsync(this ConnectorSecrets secrets, string connectorId, string name) =>
        ChannelCatalogRules.IsSlug(connectorId) ? await secrets.ProviderSecretAsync(connectorId, name) : null;
}
