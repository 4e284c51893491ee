using Conversations.Storage;
using Microsoft.Extensions.Options;

namespace Conversations.Accounts;

/// <summary>
/// One user account. Rules live in <see cref="AccountRules"/>, <see cref="SignInGuard"/> and
/// <see cref="RefreshSessions"/>; the grain hashes, stores and keeps the user directory up to date.
/// </summary>
public sealed class UserAccountGrain(
    [PersistentState(StateNames.UserAccount, StorageNames.GrainState)] IPersistentState<UserAccountState> account,
    IOptions<AccountOptions> options,
    TimeProvider time)
    : Grain, IUserAccountGrain
{
    /// <summary>Checked against when the account does not exist, so a wrong user name costs as long as a wrong password.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => Secrets.HashPassword(Guid.NewGuid().ToString()));

    private UserAccountState State => account.State;

    private string UserId => this.GetPrimaryKeyString()[GrainKeys.UserPrefix.Length..];

    async Task<UserAccountView> IUserAccountGrain.CreateAsync(NewUserAccount created)
    {
        AccountRules.ValidateUserId(UserId);
        AccountRules.ValidateDisplayName(created.DisplayName);
        var roles = AccountRules.ValidateRoles(created.Roles);
        AccountRules.ValidatePassword(created.Password);
        if (State.Exists())
        {
            throw DomainException.Conflict($"There is already a user '{UserId}'.");
        }

        account.State = new UserAccountState
        {
            DisplayName = created.DisplayName.Trim(),
            Roles = [.. roles],
            CreatedAt = time.GetUtcNow(),
            PasswordHash = Secrets.HashPassword(created.Password),
        };
        return await SaveAsync();
    }

    Task<UserAccountView?> IUserAccountGrain.GetAsync() => Task.FromResult(State.Exists() ? View() : null);

    async Task<UserAccountView> IUserAccountGrain.ChangeAsync(UserAccountChange change)
    {
        RequireExists();
        if (change.DisplayName is not null)
        {
            AccountRules.ValidateDisplayName(change.DisplayName);
        }

        var roles = change.Roles is null ? null : AccountRules.ValidateRoles(change.Roles);
        if (AccountRules.EndsAccess(State.Disabled, State.Roles, change.Disabled ?? State.Disabled, roles ?? State.Roles))
        {
            State.SessionGeneration++;
        }

        State.DisplayName = change.DisplayName?.Trim() ?? State.DisplayName;
        State.Roles = roles is null ? State.Roles : [.. roles];
        if (change.Disabled is { } disabled)
        {
            State.Disabled = disabled;
            if (disabled)
            {
                State.Sessions.Clear();
            }
        }

        return await SaveAsync();
    }

    Task<int?> IUserAccountGrain.GetSessionGenerationAsync() => Task.FromResult(State.Exists() ? State.SessionGeneration : (int?)null);

    async Task IUserAccountGrain.ResetPasswordAsync(string password)
    {
        RequireExists();
        AccountRules.ValidatePassword(password);
        State.PasswordHash = Secrets.HashPassword(password);
        State.Set(SignInAttempts.None);
        State.Sessions.Clear();
        State.SessionGeneration++;
        await SaveAsync();
    }

    async Task<SignInResult> IUserAccountGrain.SignInAsync(string password)
    {
        var now = time.GetUtcNow();
        if (!State.Exists())
        {
            Secrets.PasswordMatches(DecoyHash.Value, password ?? string.Empty);
            return new SignInResult(SignInVerdict.Refused);
        }

        var matches = SignInGuard.MayTry(State.Attempts(), now) && Secrets.PasswordMatches(State.PasswordHash!, password ?? string.Empty);
        var (verdict, attempts) = SignInGuard.Decide(State.Attempts(), State.Disabled, matches, now, options.Value.Lockout);
        var changed = attempts != State.Attempts();
        State.Set(attempts);
        if (verdict != SignInVerdict.SignedIn)
        {
            if (changed)
            {
                await account.WriteStateAsync();
            }

            return new SignInResult(verdict, LockedUntil: attempts.LockedUntil);
        }

        return await NewSessionAsync(now);
    }

    async Task<SignInResult> IUserAccountGrain.RefreshAsync(string refreshToken)
    {
        var now = time.GetUtcNow();
        var remaining = State.Exists() && !State.Disabled
            ? RefreshSessions.Redeem(State.RefreshSessions(), Secrets.HashToken(refreshToken), now)
            : null;
        if (remaining is null)
        {
            return new SignInResult(SignInVerdict.Refused);
        }

        State.Set(remaining);
        return await NewSessionAsync(now);
    }

    async Task IUserAccountGrain.SignOutAsync(string refreshToken)
    {
        var hash = Secrets.HashToken(refreshToken);
        if (State.Sessions.RemoveAll(s => s.TokenHash == hash) > 0)
        {
            await account.WriteStateAsync();
        }
    }

    async Task IUserAccountGrain.BootstrapAdminAsync(string password)
    {
        AccountRules.ValidatePassword(password);
        if (!State.Exists())
        {
            State.DisplayName = "Administrator";
            State.CreatedAt = time.GetUtcNow();
        }

        State.Roles = [.. AccountRules.ValidateRoles([.. State.Roles, Roles.Admin])];
        State.Disabled = false;
        State.PasswordHash = Secrets.HashPassword(password);
        State.Set(SignInAttempts.None);
        State.Sessions.Clear();
        State.SessionGeneration++;
        await SaveAsync();
    }

    private async Task<SignInResult> NewSessionAsync(DateTimeOffset now)
    {
        var token = Secrets.NewRefreshToken(UserId);
        var expiresAt = now + options.Value.RefreshTokenLifetime;
        State.Set(RefreshSessions.Add(State.RefreshSessions(), new RefreshSession(Secrets.HashToken(token), expiresAt), now));
        await account.WriteStateAsync();
        return new SignInResult(SignInVerdict.SignedIn, View(), token, RefreshTokenExpiresAt: expiresAt, SessionGeneration: State.SessionGeneration);
    }

    private async Task<UserAccountView> SaveAsync()
    {
        await account.WriteStateAsync();
        var view = View();
        await GrainFactory.Get<IUserDirectoryGrain>(0).RecordAsync(view);
        return view;
    }

    private void RequireExists()
    {
        if (!State.Exists())
        {
            throw DomainException.NotFound($"No user '{UserId}'.");
        }
    }

    /// <summary>A List, not a collection expression: the compiler's read-only wrapper type cannot be stored as JSON.</summary>
    private UserAccountView View() => new(UserId, State.DisplayName!, State.Roles.ToList(), State.Disabled, State.CreatedAt);
}
