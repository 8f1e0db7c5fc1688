using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MspSupport.Testing.Fakes;

/// <summary>An RSA signing key with its JWKS document, for stand-ins of token issuers.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public TestSigningKey(string keyId) => Key = new RsaSecurityKey(_rsa) { KeyId = keyId };

    public RsaSecurityKey Key { get; }

    /// <summary>The public key as a JWK; <paramref name="extra"/> adds members such as Bot Framework's <c>endorsements</c>.</summary>
    public Dictionary<string, object> Jwk(IDictionary<string, object>? extra = null)
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = Key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            jwk[name] = value;
        }

        return jwk;
    }

    public static string JwksJson(params Dictionary<string, object>[] keys) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = keys });

    /// <summary>Signs a token with this key, or with <paramref name="otherKey"/> to test a key nobody published.</summary>
    public string CreateToken(string issuer, string audience, IDictionary<string, object> claims, DateTime? expires = null, SecurityKey? otherKey = null)
    {
        var now = DateTime.UtcNow;
        var notBefore = expires is { } e && e < now ? e.AddMinutes(-10) : now.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(otherKey ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();
}
