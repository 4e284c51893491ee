using Conversations.Accounts;
using Conversations.Gateway.Security;
using Conversations.Security;

namespace Conversations.Gateway.Endpoints;

public sealed record NewUserRequest(string Id, string DisplayName, List<string> Roles, string Password);

public sealed record UserChangeRequest(string? DisplayName = null, List<string>? Roles = null, bool? Disabled = null);

public sealed record PasswordRequest(string Password);

/// <summary>
/// Admins manage accounts: create, change roles or name, disable, reset a password. Passwords are never shown. Disabling,
/// a password reset and a change of roles stop the account's access tokens too (<see cref="AccessSessions"/>).
/// </summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Users").RequireAuthorization(Policies.Admin);

        users.MapGet("/", (IClusterClient cluster) => cluster.Get<IUserDirectoryGrain>(0).ListAsync());
        users.MapGet("/{id}", async (string id, IClusterClient cluster) =>
            await Account(cluster, id).GetAsync() ?? throw DomainException.NotFound($"No user '{id}'."));
        users.MapPost("/", async (NewUserRequest request, IClusterClient cluster) =>
        {
            AccountRules.ValidateUserId(request.Id);
            var created = await Account(cluster, request.Id).CreateAsync(new NewUserAccount(request.DisplayName, request.Roles, request.Password));
            return Results.Created($"/api/admin/users/{created.Id}", created);
        });
        users.MapPut("/{id}", (string id, UserChangeRequest request, IClusterClient cluster, AccessSessions sessions) =>
            ThenForgetAsync(sessions, id, Account(cluster, id).ChangeAsync(new UserAccountChange(request.DisplayName, request.Roles, request.Disabled))));
        users.MapPost("/{id}/password", (string id, PasswordRequest request, IClusterClient cluster, AccessSessions sessions) =>
            ThenForgetAsync(sessions, id, ResetAsync(Account(cluster, id), request.Password)));
    }

    /// <summary>
    /// Drops this gateway's copy of the account's session generation after a change, even a failed one: the account may
    /// have been stored before the failure (a later step, or the call's answer, lost).
    /// </summary>
    private static async Task<T> ThenForgetAsync<T>(AccessSessions sessions, string userId, Task<T> change)
    {
        try
        {
            return await change;
        }
        finally
        {
            sessions.Forget(userId);
        }
    }

    private static async Task<IResult> ResetAsync(IUserAccountGrain account, string password)
    {
        await account.ResetPasswordAsync(password);
        return Results.NoContent();
    }

    /// <summary>The account grain for a well-formed id; anything else is no user at all.</summary>
    private static IUserAccountGrain Account(IClusterClient cluster, string id) =>
        AccountRules.IsUserId(id)
            ? cluster.Get<IUserAccountGrain>(GrainKeys.User(id))
            : throw DomainException.NotFound($"No user '{id}'.");
}
