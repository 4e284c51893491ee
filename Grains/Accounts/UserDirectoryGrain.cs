using Conversations.Storage;

namespace Conversations.Accounts;

/// <summary>The list of accounts for admins and the bootstrap check; each account grain records itself here on every change.</summary>
public sealed class UserDirectoryGrain(
    [PersistentState(StateNames.UserDirectory, StorageNames.GrainState)] IPersistentState<UserDirectoryState> directory)
    : Grain, IUserDirectoryGrain
{
    Task<IReadOnlyList<UserAccountView>> IUserDirectoryGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<UserAccountView>>([.. directory.State.Accounts.Values.OrderBy(a => a.Id, StringComparer.Ordinal)]);

    async Task IUserDirectoryGrain.RecordAsync(UserAccountView account)
    {
        if (!directory.State.Accounts.TryGetValue(account.Id, out var known) || !Same(known, account))
        {
            directory.State.Accounts[account.Id] = account;
            await directory.WriteStateAsync();
        }
    }

    Task<bool> IUserDirectoryGrain.HasActiveAdminAsync() =>
        Task.FromResult(directory.State.Accounts.Values.Any(a => !a.Disabled && a.Roles.Contains(Roles.Admin)));

    private static bool Same(UserAccountView a, UserAccountView b) =>
        a with { Roles = b.Roles } == b && a.Roles.SequenceEqual(b.Roles);
}
