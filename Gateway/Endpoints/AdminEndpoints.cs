using Conversations.Channels;
using Conversations.Gateway.Security;
using Conversations.Outbound;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Gateway.Endpoints;

/// <summary>How long the replaced keys stay good after a rotation; a day when not given, 0 to revoke them at once.</summary>
public sealed record RotateSecretRequest(int? OverlapSeconds = null);

/// <summary>The secret of the provider a connector's kind verifies signatures with: a TWILIO connector's auth token.</summary>
public sealed record ProviderSecretRequest(string Secret);

/// <summary>
/// Channel configuration: list, get, create, update and delete each kind of entry. A connector's key is in
/// the answer to its creation or rotation only; reading a connector never shows it, nor its provider secret.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);

        admin.MapCatalogEntries<ChannelType, ChannelType>(
            "channel-types", t => t.Code, c => c.ListChannelTypesAsync(),
            (c, t) => c.CreateChannelTypeAsync(t), (c, t) => c.UpdateChannelTypeAsync(t), (c, k) => c.DeleteChannelTypeAsync(k));
        admin.MapCatalogEntries<ChannelProvider, ChannelProvider>(
            "channel-providers", p => p.Id, c => c.ListProvidersAsync(),
            (c, p) => c.CreateProviderAsync(p), (c, p) => c.UpdateProviderAsync(p), (c, k) => c.DeleteProviderAsync(k));
        admin.MapCatalogEntries<ChannelConnector, CreatedConnector>(
            "channel-connectors", c => c.Id, c => c.ListConnectorsAsync(),
            (c, x) => c.CreateConnectorAsync(x), (c, x) => c.UpdateConnectorAsync(x), (c, k) => c.DeleteConnectorAsync(k));
        admin.MapPost("/channel-connectors/{key}/secret", (RotateSecretRequest request, string key, IClusterClient cluster) =>
            Catalog(cluster).RotateConnectorSecretAsync(key, request.OverlapSeconds));
        admin.MapGet("/channel-connectors/{key}/provider-secrets", (string key, IClusterClient cluster) =>
            Catalog(cluster).ListProviderSecretsAsync(key));
        admin.MapPut("/channel-connectors/{key}/provider-secrets/{name}", async (ProviderSecretRequest request, string key, string name, IClusterClient cluster) =>
        {
            await Catalog(cluster).SetProviderSecretAsync(key, name, request.Secret);
            return Results.NoContent();
        });
        admin.MapCatalogEntries<Channel, Channel>(
            "channels", c => c.ServiceIdentifier, c => c.ListChannelsAsync(),
            (c, x) => c.CreateChannelAsync(x), (c, x) => c.UpdateChannelAsync(x), (c, k) => c.DeleteChannelAsync(k));

        admin.MapCatalogEntries<MessageTemplate, MessageTemplate>(
            "message-templates", t => t.Id, c => c.ListTemplatesAsync(),
            (c, x) => c.CreateTemplateAsync(x), (c, x) => c.UpdateTemplateAsync(x), (c, k) => c.DeleteTemplateAsync(k));

        admin.MapGet("/controller", (IClusterClient cluster) => Catalog(cluster).GetControllerSettingsAsync());
        admin.MapPut("/controller", (ControllerSettings settings, IClusterClient cluster) =>
            Catalog(cluster).UpdateControllerSettingsAsync(settings));
    }

    /// <param name="create">Answers what the caller sees once: the entry, or more (a connector's key).</param>
    private static void MapCatalogEntries<T, TCreated>(
        this RouteGroupBuilder admin,
        string path,
        Func<T, string> keyOf,
        Func<IChannelCatalogGrain, Task<IReadOnlyList<T>>> list,
        Func<IChannelCatalogGrain, T, Task<TCreated>> create,
        Func<IChannelCatalogGrain, T, Task<T>> update,
        Func<IChannelCatalogGrain, string, Task> delete)
        // A class constraint makes the body required: ASP.NET takes an unconstrained T as nullable and let null through.
        where T : class
    {
        var what = path.TrimEnd('s').Replace('-', ' ');
        admin.MapGet($"/{path}", (IClusterClient cluster) => list(Catalog(cluster)));
        admin.MapGet($"/{path}/{{key}}", async (string key, IClusterClient cluster) =>
            (await list(Catalog(cluster))).FirstOrDefault(e => keyOf(e) == key)
            ?? throw DomainException.NotFound($"No {what} '{key}'."));
        admin.MapPost($"/{path}", async (T entry, IClusterClient cluster) =>
        {
            var created = await create(Catalog(cluster), entry);
            return Results.Created($"/api/admin/{path}/{Uri.EscapeDataString(keyOf(entry))}", created);
        });
        admin.MapPut($"/{path}/{{key}}", (string key, T entry, IClusterClient cluster) =>
            keyOf(entry) == key
                ? update(Catalog(cluster), entry)
                : throw DomainException.Invalid($"The {what} in the body is '{keyOf(entry)}' but the URL names '{key}'."));
        admin.MapDelete($"/{path}/{{key}}", async (string key, IClusterClient cluster) =>
        {
            await delete(Catalog(cluster), key);
            return Results.NoContent();
        });
    }

    private static IChannelCatalogGrain Catalog(IClusterClient cluster) =>
        cluster.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey);
}
