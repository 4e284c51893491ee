using Conversations.Accounts;
using Conversations.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Security;

/// <summary>
/// Whether a signed-in user's access token still stands. Each token names its account's session generation, which
/// disabling the account, resetting its password or changing its roles moves on; a token naming an earlier one, or an
/// account that is gone, is refused even before it expires. Generations come from each account's grain into a
/// <see cref="LocalCopies{TKey, TValue}"/>: the process that made a change refuses at once (it drops its copy); another
/// trusts its copy for <see cref="RefreshAfter"/>, then answers one more check from it while reading the account again,
/// and reads first when its copy is a minute old.
/// </summary>
public sealed partial class AccessSessions
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(2);

    private readonly LocalCopies<string, Generation> _copies;

    public AccessSessions(IGrainFactory grains, TimeProvider time, ILogger<AccessSessions> logger) =>
        _copies = new(
            async userId => await grains.Get<IUserAccountGrain>(GrainKeys.User(userId)).GetSessionGenerationAsync() is { } current ? new Generation(current) : null,
            RefreshAfter, time, (e, userId) => LogRefreshFailed(logger, e, userId));

    /// <summary>
    /// A later generation than the copy's is good too: the token was issued after a change this copy has not seen yet.
    /// Throws when the account cannot be read and there is no copy of it, so a token is never taken unchecked.
    /// </summary>
    public async Task<bool> IsCurrentAsync(string userId, int generation) =>
        await _copies.GetAsync(userId) is { } current && generation >= current.Value;

    /// <summary>This process changed the account: its next token is checked against the grain.</summary>
    public void Forget(string userId) => _copies.Forget(userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session generation of user {UserId} could not be refreshed; the last known stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string userId);

    private sealed record Generation(int Value);
}
