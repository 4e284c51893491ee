using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Conversations.Gateway.Security;

/// <summary>Which reverse proxies may say who the client is; nobody, unless configured.</summary>
public static class TrustedProxies
{
    public static void Apply(ForwardedHeadersOptions options, IReadOnlyList<string> proxies)
    {
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"Security:TrustedProxies holds '{proxy}', which is not an IP address."));
        }

        // With no known proxy at all the middleware would believe any sender, so then it reads no header.
        options.ForwardedHeaders = options.KnownProxies.Count > 0 ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
    }
}
