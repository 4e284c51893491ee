using System.Security.Claims;
using Conversations.Accounts;

namespace Conversations.Gateway.Security;

/// <summary>Checks on the signed-in person that depend on what the request is about, not only on the role.</summary>
public static class Caller
{
    /// <summary>The user id (our tokens' <c>sub</c> or the external authority's configured claim); an agent's id.</summary>
    public static string? UserId(this ClaimsPrincipal user) => user.Identity?.Name;

    public static bool IsSupervisor(this ClaimsPrincipal user) => user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);

    public static bool IsAgent(this ClaimsPrincipal user, string? agentId) =>
        agentId is not null && user.IsInRole(Roles.Agent) && user.UserId() == agentId;

    /// <summary>Only the agent itself acts as that agent.</summary>
    public static void RequireAgent(this ClaimsPrincipal user, string agentId)
    {
        if (!user.IsAgent(agentId))
        {
            throw DomainException.Forbidden($"Only agent {agentId} may do this.");
        }
    }

    /// <summary>The agent itself, or a supervisor watching it.</summary>
    public static void RequireAgentOrSupervisor(this ClaimsPrincipal user, string? agentId)
    {
        if (!user.IsSupervisor() && !user.IsAgent(agentId))
        {
            throw DomainException.Forbidden("Only the agent concerned or a supervisor may see this.");
        }
    }
}
