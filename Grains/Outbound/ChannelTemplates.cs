using Conversations.Channels;

namespace Conversations.Outbound;

/// <summary>A channel's template, as requests name it: read by id, since every recipient of a campaign reads it again.</summary>
internal static class ChannelTemplates
{
    public static async Task<MessageTemplate> RequireTemplateAsync(this IGrainFactory grains, string serviceIdentifier, string templateId) =>
        await grains.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey).FindTemplateAsync(templateId) is { } template
        && template.ServiceIdentifier == serviceIdentifier
            ? template
            : throw DomainException.Invalid($"The channel '{serviceIdentifier}' has no template '{templateId}'.", "template.id");
}
