namespace Conversations.Accounts;

/// <summary>The list of accounts, kept by each account grain as it changes (single instance, key 0).</summary>
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<UserAccountView>> ListAsync();

    Task RecordAsync(UserAccountView account);

    /// <summary>True when some enabled account holds the admin role.</summary>
    Task<bool> HasActiveAdminAsync();
}
