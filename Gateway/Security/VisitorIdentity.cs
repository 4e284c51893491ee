using System.Security.Claims;
using Conversations.Gateway.WebChat;

namespace Conversations.Gateway.Security;

/// <summary>What the visitor authentication puts on the caller: the web chat channel and the customer identifier on it.</summary>
public static class VisitorIdentity
{
    public const string ServiceClaim = "webchat_service";
    public const string CustomerClaim = "webchat_customer";

    public static ClaimsPrincipal Principal(VisitorToken visitor, string scheme) =>
        new(new ClaimsIdentity([new Claim(ServiceClaim, visitor.ServiceIdentifier), new Claim(CustomerClaim, visitor.CustomerIdentifier)], scheme, CustomerClaim, null));

    /// <summary>
    /// The visitor's customer identifier on <paramref name="serviceIdentifier"/>; a token of another channel is refused,
    /// so a visitor of one site never writes or reads on another's. The visitor policy guarantees the claims are there.
    /// </summary>
    public static string VisitorOf(this ClaimsPrincipal user, string serviceIdentifier) =>
        user.FindFirst(ServiceClaim)?.Value == serviceIdentifier
            ? user.FindFirst(CustomerClaim)?.Value ?? throw new InvalidOperationException("The endpoint is missing the visitor policy.")
            : throw DomainException.Forbidden($"The visitor token is not for the web chat '{serviceIdentifier}'.");
}
