using Conversations.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels;

/// <summary>
/// The controller settings as this silo knows them, so opening a conversation does not call the one catalog grain
/// (see <see cref="LocalCopies{TKey, TValue}"/>): the catalog drops this silo's copy when it changes them; other silos
/// see the change within <see cref="RefreshAfter"/> while busy. The silo's conversations share the one instance, which
/// nothing changes in place (init-only members, arrays, and grain state read into new objects).
/// </summary>
public sealed partial class ControllerSettingsCopy
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(2);

    private readonly LocalCopies<string, ControllerSettings> _copies;

    public ControllerSettingsCopy(IGrainFactory grains, TimeProvider time, ILogger<ControllerSettingsCopy> logger) =>
        _copies = new(
            catalogKey => grains.Get<IChannelCatalogGrain>(catalogKey).GetControllerSettingsAsync()!,
            RefreshAfter, time, (e, _) => LogRefreshFailed(logger, e));

    public async Task<ControllerSettings> GetAsync() => (await _copies.GetAsync(GrainKeys.CatalogKey))!;

    /// <summary>The settings changed: the next conversation to open reads them anew.</summary>
    public void Forget() => _copies.Forget(GrainKeys.CatalogKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The controller settings could not be refreshed; the last known stay in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
