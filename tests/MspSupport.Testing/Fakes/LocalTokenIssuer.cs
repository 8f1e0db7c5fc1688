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
    private RecordingHttpServer _server = null!;

    private LocalTokenIssuer()
    {
    }

    public string Issuer { get; private set; } = "";

    public string MetadataAddress => $"{Issuer}/.well-known/openid-configuration";

    public IReadOnlyList<string> Requests => _server.Requests.Select(r => r.Path).ToList();

    public static async Task<LocalTokenIssuer> StartAsync()
    {
        var issuer = new LocalTokenIssuer();
        issuer._server = await RecordingHttpServer.StartAsync(issuer.Answer);
        issuer.Issuer = new Uri(issuer._server.BaseAddress, "issuer").ToString();
        return issuer;
    }

    public string CreateToken(string audience, IDictionary<string, object> claims, DateTime? expires = null, string? issuer = null, SecurityKey? key = null) =>
        _key.CreateToken(issuer ?? Issuer, audience, claims, expires, key);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _key.Dispose();
    }

    private StandInResponse Answer(RecordedRequest request) => request.Path switch
    {
        "/issuer/.well-known/openid-configuration" => new StandInResponse(200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{Issuer}/.well-known/jwks.json",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        })),
        "/issuer/.well-known/jwks.json" => new StandInResponse(200, TestSigningKey.JwksJson(_key.Jwk())),
        _ => new StandInResponse(404, "{}"),
    };
}
