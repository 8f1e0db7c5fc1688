using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using MspSupport.Testing.Fakes;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>API keys always, JWT bearer tokens from a real (local) OpenID issuer fetched over HTTP.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string Audience = "msp-ticket-api";
    private LocalTokenIssuer _issuer = null!;
    private TicketApiFactory _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _issuer = await LocalTokenIssuer.StartAsync();
        _api = new TicketApiFactory(new Dictionary<string, string?>
        {
            ["Auth:Jwt:Authority"] = _issuer.Issuer,
            ["Auth:Jwt:Audience"] = Audience,
            ["Auth:Jwt:RequireHttpsMetadata"] = "false",
        });
        _client = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task Without_credentials_the_answer_is_401_with_a_problem_that_says_what_to_send()
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/tickets", key: null);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("x-api-key", (string)body["detail"]!, StringComparison.Ordinal);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("test-admin-key ")]
    [InlineData("TEST-ADMIN-KEY")]
    public async Task A_wrong_api_key_is_401(string key)
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/tickets", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid", (string)(await response.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_api_key_headers_are_401()
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/tickets", AdminKey, configure: r => r.Headers.Add("x-api-key", ContosoKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_key_writes_nothing_even_with_a_valid_body()
    {
        var post = await _client.SendAsync(HttpMethod.Post, "/tickets", "nope", """{"title":"x","customerId":"contoso"}""");
        var list = await (await _client.SendAsync(HttpMethod.Get, "/tickets", AdminKey)).JsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Empty((JsonArray)list["items"]!);
    }

    [Fact]
    public async Task A_technician_token_from_the_issuer_is_accepted()
    {
        var token = _issuer.CreateToken(Audience, new Dictionary<string, object>
        {
            ["sub"] = "5d3c1f0e-tech",
            ["cognito:groups"] = new[] { "technician" },
            ["cognito:username"] = "bob.tech",
        });

        var created = await Bearer(HttpMethod.Post, "/tickets", token, """{"title":"Switch port dead","customerId":"contoso"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("bob.tech", (string)(await created.JsonAsync())["createdBy"]!);
        Assert.Contains("/issuer/.well-known/jwks.json", _issuer.Requests);
    }

    [Fact]
    public async Task A_customer_token_reaches_only_its_customer()
    {
        await _client.CreateTicketAsync(FabrikamKey, """{"title":"Fabrikam only"}""");
        var token = _issuer.CreateToken(Audience, new Dictionary<string, object>
        {
            ["sub"] = "user-1",
            ["cognito:groups"] = new[] { "customer" },
            ["custom:customer_id"] = "contoso",
        });

        var own = await (await Bearer(HttpMethod.Get, "/tickets", token)).JsonAsync();
        var other = await Bearer(HttpMethod.Get, "/tickets?customerId=fabrikam", token);

        Assert.Empty((JsonArray)own["items"]!);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task A_token_without_groups_is_treated_as_a_customer_without_a_customer()
    {
        var token = _issuer.CreateToken(Audience, new Dictionary<string, object> { ["sub"] = "someone" });

        var response = await Bearer(HttpMethod.Post, "/tickets", token, """{"title":"x","customerId":"contoso"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong audience", "wrong issuer", "unknown signing key", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_tokens_are_401(string kind)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "x", ["cognito:groups"] = new[] { "admin" } };
        using var otherRsa = RSA.Create(2048);
        var token = kind switch
        {
            "expired" => _issuer.CreateToken(Audience, claims, expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong audience" => _issuer.CreateToken("another-api", claims),
            "wrong issuer" => _issuer.CreateToken(Audience, claims, issuer: "https://evil.example/issuer"),
            "unknown signing key" => _issuer.CreateToken(Audience, claims, key: new RsaSecurityKey(otherRsa) { KeyId = "test-key-1" }),
            _ => "not.a.token",
        };

        var response = await Bearer(HttpMethod.Get, "/tickets", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> Bearer(HttpMethod method, string url, string token, string? json = null) =>
        await _client.SendAsync(method, url, key: null, json, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
}
