using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.GatewayTests.Foundation;

/// <summary>
/// A stand-in OpenID Connect authority on loopback (Keycloak or Entra ID in real life): a discovery document,
/// its signing keys, and tokens it makes with a locally generated RSA key.
/// </summary>
public sealed class LocalAuthority : IAsyncDisposable
{
    public const string Audience = "conversations-api";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "local-1" };
    private WebApplication? _app;

    public string Issuer { get; private set; } = string.Empty;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/keys", () => Results.Text(
            System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { PublicJwk() } }), "application/json"));
        await _app.StartAsync();
        Issuer = _app.Urls.First();
    }

    /// <summary>A token for <paramref name="subject"/> with <paramref name="roles"/>, signed by this authority or by <paramref name="signer"/>.</summary>
    public string TokenFor(string subject, string[] roles, SecurityKey? signer = null)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(signer ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private Dictionary<string, string> PublicJwk()
    {
        var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = _key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
