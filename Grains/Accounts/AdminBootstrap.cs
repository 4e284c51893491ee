using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Conversations.Accounts;

/// <summary>The "Security:BootstrapAdmin" configuration: the first admin of a fresh deployment.</summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Security:BootstrapAdmin";

    public string UserId { get; set; } = "admin";

    /// <summary>When set and no enabled admin exists as the silo starts, the account gets the admin role and this password.</summary>
    public string? Password { get; set; }
}

/// <summary>
/// Gives a deployment without an enabled admin its first one as the silo becomes active. An existing admin is
/// never touched, so the configured password only matters until someone has signed in and managed users.
/// </summary>
public sealed class AdminBootstrap(IGrainFactory grains, IOptions<BootstrapAdminOptions> options, ILogger<AdminBootstrap> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AdminBootstrap), ServiceLifecycleStage.Active, EnsureAdminAsync);

    private async Task EnsureAdminAsync(CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(options.Value.Password) || await grains.Get<IUserDirectoryGrain>(0).HasActiveAdminAsync())
        {
            return;
        }

        AccountRules.ValidateUserId(options.Value.UserId);
        await grains.Get<IUserAccountGrain>(GrainKeys.User(options.Value.UserId)).BootstrapAdminAsync(options.Value.Password);
        logger.LogWarning("No enabled admin existed: user {UserId} is now an admin with the configured bootstrap password.", options.Value.UserId);
    }
}
