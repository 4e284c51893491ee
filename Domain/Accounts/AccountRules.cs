using System.Text.RegularExpressions;
using Conversations.Domain;

namespace Conversations.Accounts;

/// <summary>What a user account must look like before it is stored; each refusal names the request's field at fault.</summary>
public static partial class AccountRules
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
    public const int MaxDisplayNameLength = 100;

    /// <summary>User ids double as agent ids in URLs and grain keys: lower-case letters, digits, dot, dash, underscore.</summary>
    public static bool IsUserId(string? id) => id is not null && UserIdPattern().IsMatch(id);

    public static void ValidateUserId(string? id)
    {
        if (!IsUserId(id))
        {
            throw DomainException.Invalid("A user id is 1 to 64 characters: lower-case letters, digits, '.', '-' or '_', starting with a letter or digit.", "id");
        }
    }

    public static void ValidateDisplayName(string? name) => TextRules.RequireLine(name, "display name", MaxDisplayNameLength, "displayName");

    public static void ValidatePassword(string? password)
    {
        TextRules.RequireLine(password, "password", MaxPasswordLength, "password");
        if (password!.Length < MinPasswordLength)
        {
            throw DomainException.Invalid($"A password has at least {MinPasswordLength} characters.", "password");
        }
    }

    /// <summary>The roles, each known and named once, in their canonical order.</summary>
    public static IReadOnlyList<string> ValidateRoles(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0)
        {
            throw DomainException.Invalid($"At least one role is required ({string.Join(", ", Roles.All)}).", "roles");
        }

        foreach (var role in roles)
        {
            if (role is null || !Roles.IsKnown(role))
            {
                throw DomainException.Invalid($"'{role}' is not a role ({string.Join(", ", Roles.All)}).", "roles");
            }
        }

        return [.. Roles.All.Where(roles.Contains)];
    }

    /// <summary>
    /// Whether an admin's change must stop the account's access tokens at once: disabling it, or changing its roles
    /// (a token carries the roles it was issued with; the refresh token, kept unless disabled, gets one with the new roles).
    /// </summary>
    public static bool EndsAccess(bool disabledBefore, IReadOnlyList<string> rolesBefore, bool disabledAfter, IReadOnlyList<string> rolesAfter) =>
        (disabledAfter && !disabledBefore) || !rolesBefore.Order(StringComparer.Ordinal).SequenceEqual(rolesAfter.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();
}
