using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// An OpenID Connect issuer on a loopback port: serves its discovery document and JWKS over real HTTP and signs
/// tokens with its own RSA key, so that token validation is tested the way it runs against Cognito or Entra ID.
/// </summary>
public sealed class LocalTokenIssuer : IAsyncDisposable
{
    private readonly TestSigningKey _key = new("test-key-1");
    private readonly LoopbackHttpServer _server;

    public LocalTokenIssuer()
    {
        _server = new LoopbackHttpServer(AnswerAsync);
        Issuer = $"{_server.BaseUrl}/issuer";
    }

    public string Issuer { get; }

    public string MetadataAddress => $"{Issuer}/.well-known/openid-configuration";

    public IReadOnlyList<string> Requests => _server.Requests.Select(r => r.Path).ToList();

    public string CreateToken(string audience, IDictionary<string, object> claims, DateTime? expires = null, string? issuer = null, SecurityKey? key = null) =>
        _key.CreateToken(issuer ?? Issuer, audience, claims, expires, key);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _key.Dispose();
    }

    private Task AnswerAsync(RecordedRequest request, System.Net.HttpListenerResponse response) => request.Path switch
    {
        "/issuer/.well-known/openid-configuration" => LoopbackHttpServer.WriteJsonAsync(response, 200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{Issuer}/.well-known/jwks.json",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        })),
        "/issuer/.well-known/jwks.json" => LoopbackHttpServer.WriteJsonAsync(response, 200, TestSigningKey.JwksJson(_key.Jwk())),
        _ => LoopbackHttpServer.WriteJsonAsync(response, 404, "{}"),
    };
}
