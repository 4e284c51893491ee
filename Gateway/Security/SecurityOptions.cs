namespace Conversations.Gateway.Security;

/// <summary>The gateway's "Security" configuration section (the master key itself is read by <see cref="Conversations.Security.SecurityKeys"/>).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>How long an access token is good for; a refresh gets a new one.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Cookies only over HTTPS; off for plain-HTTP development on localhost.</summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>Login attempts one client address may make per minute before it gets 429.</summary>
    public int LoginAttemptsPerMinutePerAddress { get; set; } = 20;

    /// <summary>How far a connector's signed timestamp may be from the gateway's clock, either way (the replay window).</summary>
    public TimeSpan ConnectorSignatureWindow { get; set; } = Connectors.ConnectorSignature.DefaultWindow;

    /// <summary>Inbound calls one connector may make per second, on average, through one gateway.</summary>
    public int ConnectorRequestsPerSecond { get; set; } = 200;

    /// <summary>How many calls above that rate one connector may make at once before it gets 429.</summary>
    public int ConnectorBurst { get; set; } = 400;

    /// <summary>How long a web chat visitor's token is good for; afterwards the browser is a new visitor.</summary>
    public TimeSpan VisitorTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Web chat visitor tokens one client address may get per minute before it gets 429.</summary>
    public int VisitorsPerMinutePerAddress { get; set; } = 30;

    /// <summary>Calls one web chat visitor may make per second, on average (messages, receipts, stream reconnects).</summary>
    public int VisitorRequestsPerSecond { get; set; } = 5;

    /// <summary>How many calls above that rate one visitor may make at once before it gets 429.</summary>
    public int VisitorBurst { get; set; } = 30;

    /// <summary>
    /// Addresses of reverse proxies in front of the gateway. Only from these is <c>X-Forwarded-For</c> believed, so the
    /// per-address login limit counts the client, not the proxy; empty, the connecting address is the client.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Optional: also accept tokens from an OpenID Connect authority (Keycloak, Entra ID...).</summary>
    public ExternalAuthorityOptions? Oidc { get; set; }
}

/// <summary>An external OpenID Connect authority whose access tokens the gateway accepts.</summary>
public sealed class ExternalAuthorityOptions
{
    /// <summary>The issuer URL; its discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>The claim that holds the roles (admin, supervisor, agent).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim that names the user; an agent's id is this value.</summary>
    public string UserIdClaim { get; set; } = "sub";

    /// <summary>Only for tests and local authorities: fetch the discovery document over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
