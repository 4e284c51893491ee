using Conversations.Accounts;
using Conversations.GrainTests.Foundation;

namespace Conversations.GrainTests.Accounts;

[Collection(ClusterCollection.Name)]
public sealed class UserAccountGrainTests(ClusterFixture cluster)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task SignIn_LockedOutAfterRepeatedFailures_OpensAgainWhenTheLockEnds()
    {
        var account = await NewAccountAsync(Roles.Agent);
        for (var attempt = 1; attempt < LockoutPolicy.Default.Threshold; attempt++)
        {
            Assert.Equal(SignInVerdict.Refused, (await account.SignInAsync("wrong password!")).Verdict);
        }

        var locked = await account.SignInAsync("wrong password!");
        var rightWhileLocked = await account.SignInAsync(Password);
        cluster.Clock.Advance(LockoutPolicy.Default.Duration + TimeSpan.FromSeconds(1));
        var afterwards = await account.SignInAsync(Password);

        Assert.Equal(SignInVerdict.LockedOut, locked.Verdict);
        Assert.Equal(cluster.Clock.GetUtcNow() - TimeSpan.FromSeconds(1), locked.LockedUntil);
        Assert.Equal(SignInVerdict.LockedOut, rightWhileLocked.Verdict);
        Assert.Equal(SignInVerdict.SignedIn, afterwards.Verdict);
    }

    [Fact]
    public async Task Refresh_EachTokenWorksOnce_AndSurvivesAReload()
    {
        var account = await NewAccountAsync(Roles.Supervisor);
        var signedIn = await account.SignInAsync(Password);

        await cluster.DeactivateAllGrainsAsync();
        var refreshed = await account.RefreshAsync(signedIn.RefreshToken!);
        var replayed = await account.RefreshAsync(signedIn.RefreshToken!);

        Assert.Equal(SignInVerdict.SignedIn, refreshed.Verdict);
        Assert.Equal(SignInVerdict.Refused, replayed.Verdict);
        Assert.StartsWith(signedIn.Account!.Id + ".", refreshed.RefreshToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_AfterTheTokenLifetime_IsRefused()
    {
        var account = await NewAccountAsync(Roles.Agent);
        var signedIn = await account.SignInAsync(Password);

        cluster.Clock.Advance(new AccountOptions().RefreshTokenLifetime + TimeSpan.FromMinutes(1));

        Assert.Equal(SignInVerdict.Refused, (await account.RefreshAsync(signedIn.RefreshToken!)).Verdict);
    }

    [Fact]
    public async Task BootstrapAdmin_OnAnAgent_AddsTheAdminRoleAndSetsThePassword()
    {
        var id = "boot-" + Guid.NewGuid().ToString("N")[..8];
        var account = cluster.Grains.GetGrain<IUserAccountGrain>(GrainKeys.User(id));
        await account.CreateAsync(new NewUserAccount("Agent first", [Roles.Agent], Password));

        await account.BootstrapAdminAsync("the bootstrap password");

        var view = await account.GetAsync();
        Assert.Equal([Roles.Admin, Roles.Agent], view!.Roles);
        Assert.Equal(SignInVerdict.SignedIn, (await account.SignInAsync("the bootstrap password")).Verdict);
        Assert.True(await cluster.Grains.GetGrain<IUserDirectoryGrain>(0).HasActiveAdminAsync());
    }

    [Fact]
    public async Task Change_DisablingAnAccount_EndsItsSessionsAndShowsInTheDirectory()
    {
        var account = await NewAccountAsync(Roles.Agent);
        var signedIn = await account.SignInAsync(Password);

        var disabled = await account.ChangeAsync(new UserAccountChange(Disabled: true));
        await account.ChangeAsync(new UserAccountChange(Disabled: false));

        Assert.True(disabled.Disabled);
        Assert.Equal(SignInVerdict.Refused, (await account.RefreshAsync(signedIn.RefreshToken!)).Verdict);
        var listed = await cluster.Grains.GetGrain<IUserDirectoryGrain>(0).ListAsync();
        Assert.False(listed.Single(a => a.Id == disabled.Id).Disabled);
    }

    private async Task<IUserAccountGrain> NewAccountAsync(string role)
    {
        var account = cluster.Grains.GetGrain<IUserAccountGrain>(GrainKeys.User("u-" + Guid.NewGuid().ToString("N")[..10]));
        await account.CreateAsync(new NewUserAccount("Test", [role], Password));
        return account;
    }
}
