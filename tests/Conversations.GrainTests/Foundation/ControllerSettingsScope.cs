using Conversations.Channels;

namespace Conversations.GrainTests.Foundation;

/// <summary>
/// Controller settings for one test. They are global to the cluster all grain tests share, so disposing
/// puts back the settings that were there before: no test sees another's, whatever order they run in.
/// </summary>
internal sealed class ControllerSettingsScope : IAsyncDisposable
{
    private readonly IChannelCatalogGrain _catalog;
    private readonly ControllerSettings _previous;

    private ControllerSettingsScope(IChannelCatalogGrain catalog, ControllerSettings previous)
    {
        _catalog = catalog;
        _previous = previous;
    }

    public static async Task<ControllerSettingsScope> UseAsync(IChannelCatalogGrain catalog, ControllerSettings settings)
    {
        var previous = await catalog.GetControllerSettingsAsync();
        await catalog.UpdateControllerSettingsAsync(settings);
        return new ControllerSettingsScope(catalog, previous);
    }

    public async ValueTask DisposeAsync() => await _catalog.UpdateControllerSettingsAsync(_previous);
}
