namespace Conversations.Accounts;

/// <summary>
/// What an account may do. Admins configure the system and manage users; supervisors watch queues, agents and
/// conversations; agents handle their own tasks. Roles add up: an account can hold several.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";

    public static IReadOnlyList<string> All { get; } = [Admin, Supervisor, Agent];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
