using Conversations.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Conversations.Gateway.Security;

/// <summary>
/// Who may call what. Every endpoint names one of these; anything that names none still needs a signed-in
/// caller (the fallback), so a forgotten endpoint is closed, not open.
/// </summary>
public static class Policies
{
    /// <summary>Users, channel configuration, the controller.</summary>
    public const string Admin = "admin";

    /// <summary>Reading queues, agents, conversations and customers; reassigning a waiting or offered task.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Any signed-in person; the endpoint itself checks which agent or conversation it is about.</summary>
    public const string Staff = "staff";

    /// <summary>A channel connector with its own credential.</summary>
    public const string Connector = "connector";

    /// <summary>A web chat visitor with a visitor token; the endpoint checks the token is for its channel.</summary>
    public const string Visitor = "visitor";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, new AuthorizationPolicyBuilder(GatewayAuthentication.PeopleScheme).RequireRole(Roles.Admin).Build());
        options.AddPolicy(Supervisor, new AuthorizationPolicyBuilder(GatewayAuthentication.PeopleScheme).RequireRole(Roles.Supervisor, Roles.Admin).Build());
        options.AddPolicy(Staff, new AuthorizationPolicyBuilder(GatewayAuthentication.PeopleScheme).RequireRole(Roles.All.ToArray()).Build());
        options.AddPolicy(Connector, new AuthorizationPolicyBuilder(GatewayAuthentication.ConnectorScheme)
            .RequireClaim(ConnectorIdentity.ConnectorClaim).Build());
        options.AddPolicy(Visitor, new AuthorizationPolicyBuilder(GatewayAuthentication.VisitorScheme)
            .RequireClaim(VisitorIdentity.ServiceClaim).RequireClaim(VisitorIdentity.CustomerClaim).Build());
        // Connectors and visitors count as signed in for the fallback too, so their request that routing refuses before
        // any endpoint (a wrong content type: 415) hears what was wrong rather than 401.
        options.FallbackPolicy = new AuthorizationPolicyBuilder(
                GatewayAuthentication.PeopleScheme, GatewayAuthentication.ConnectorScheme, GatewayAuthentication.VisitorScheme)
            .RequireAuthenticatedUser().Build();
    }
}
