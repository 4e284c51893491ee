namespace Conversations.Accounts;

/// <summary>One user account, keyed by <see cref="GrainKeys.User"/>: its profile, password hash, lock-out and refresh tokens.</summary>
public interface IUserAccountGrain : IGrainWithStringKey
{
    Task<UserAccountView> CreateAsync(NewUserAccount account);

    Task<UserAccountView?> GetAsync();

    Task<UserAccountView> ChangeAsync(UserAccountChange change);

    /// <summary>
    /// The generation access tokens must name to be good (see <see cref="Security.AccessSessions"/>); null when there is
    /// no such account.
    /// </summary>
    Task<int?> GetSessionGenerationAsync();

    /// <summary>Sets a new password, ends every session and its access tokens, and lifts a lock-out.</summary>
    Task ResetPasswordAsync(string password);

    Task<SignInResult> SignInAsync(string password);

    /// <summary>Trades a refresh token for a new one; the old one stops working.</summary>
    Task<SignInResult> RefreshAsync(string refreshToken);

    /// <summary>Ends the session the refresh token belongs to.</summary>
    Task SignOutAsync(string refreshToken);

    /// <summary>
    /// Makes this account an enabled admin with <paramref name="password"/>, creating it when missing, and ends its
    /// sessions: the way in for a fresh deployment or one that has lost its last admin.
    /// </summary>
    Task BootstrapAdminAsync(string password);
}
