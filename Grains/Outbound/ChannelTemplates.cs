using Conversations.Channels;

namespace Conversations.Outbound;

/// <summary>A channel's template, as requests name it.</summary>
internal static class ChannelTemplates
{
    public static async Task<MessageTemplate> RequireTemplateAsync(this IGrainFactory grains, string serviceIdentifier, string templateId) =>
        (await grains.GetGrain<IChannelCatalogGrain>(GrainKeys.CatalogKey).ListTemplatesAsync())
            .FirstOrDefault(t => t.Id == templateId && t.ServiceIdentifier == serviceIdentifier)
        ?? throw DomainException.Invalid($"The channel '{serviceIdentifier}' has no template '{templateId}'.", "template.id");
}
