using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// The Bot Framework's side of a Teams conversation, on an HTTPS loopback port with its own certificate:
/// OpenID metadata and signing keys (with channel endorsements, as login.botframework.com publishes them), the
/// Entra ID token endpoint MSAL calls for outbound tokens, and the Bot Connector conversations API that records every
/// activity the bot sends. Tests sign inbound activities with <see cref="CreateChannelToken"/>.
/// </summary>
public sealed class BotConnectorStandIn : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";

    private readonly TestSigningKey _teamsKey = new("teams-key");
    private readonly TestSigningKey _otherChannelKey = new("webchat-only-key");
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _sent = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _fileRequests = new();
    private int _failuresToInject;
    private int _tokenRequests;

    public BotConnectorStandIn()
    {
        Certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(Certificate)));
        _app = builder.Build();
        Map(_app);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First().TrimEnd('/');
    }

    /// <summary>https://127.0.0.1:port</summary>
    public string BaseUrl { get; }

    /// <summary>The serviceUrl activities carry: where the bot must send its replies.</summary>
    public string ServiceUrl => $"{BaseUrl}/teams/";

    public string OpenIdMetadataUrl => $"{BaseUrl}/v1/.well-known/openidconfiguration";

    /// <summary>The authority the bot's MSAL uses for outbound tokens.</summary>
    public string TokenAuthority => $"{BaseUrl}/botframework.com";

    public X509Certificate2 Certificate { get; }

    /// <summary>Activities the bot sent, with the path they were sent to (<c>_path</c>) and the bearer token (<c>_auth</c>).</summary>
    public IReadOnlyList<JsonObject> Sent => [.. _sent];

    public int TokenRequests => _tokenRequests;

    /// <summary>File downloads the bot made, as "path auth" where auth is the bearer token or "-".</summary>
    public IReadOnlyList<string> FileRequests => [.. _fileRequests];

    /// <summary>
    /// Serves <paramref name="content"/> as Teams does for a file sent to a bot: a pre-authorized download URL
    /// (OneDrive/SharePoint, no token wanted) and, for inline images, an attachment URL on the connector that needs the bot's token.
    /// </summary>
    public (string DownloadUrl, string ConnectorUrl) ServeFile(string name, byte[] content)
    {
        var id = $"{Guid.NewGuid():N}";
        _files[id] = content;
        return ($"{BaseUrl}/files/{id}/{Uri.EscapeDataString(name)}", $"{ServiceUrl}v3/attachments/{id}/views/original");
    }

    /// <summary>The next <paramref name="count"/> sends answer 429 with Retry-After: 1.</summary>
    public void FailNextSends(int count) => Interlocked.Exchange(ref _failuresToInject, count);

    /// <summary>
    /// A token as the Bot Framework channel signs it for an inbound activity. Variations let tests break one rule at a time.
    /// </summary>
    public string CreateChannelToken(string appId, string serviceUrl, DateTime? expires = null, string issuer = Issuer, bool signWithWebChatOnlyKey = false, SecurityKey? unknownKey = null)
    {
        var key = signWithWebChatOnlyKey ? _otherChannelKey : _teamsKey;
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl, ["appid"] = appId };
        return key.CreateToken(issuer, appId, claims, expires, unknownKey);
    }

    /// <summary>Waits until the bot has sent at least <paramref name="count"/> activities.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForSentAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_sent.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Sent;
    }

    /// <summary>True when the certificate presented is this stand-in's (for the bot's HttpClients in tests).</summary>
    public bool IsOwnCertificate(X509Certificate2? certificate) => certificate?.Thumbprint == Certificate.Thumbprint;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
        _teamsKey.Dispose();
        _otherChannelKey.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = $"{BaseUrl}/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () => Results.Content(TestSigningKey.JwksJson(
            _teamsKey.Jwk(new Dictionary<string, object> { ["endorsements"] = new[] { "msteams", "skype" } }),
            _otherChannelKey.Jwk(new Dictionary<string, object> { ["endorsements"] = new[] { "webchat" } })), "application/json"));
        app.MapPost("/botframework.com/oauth2/v2.0/token", () =>
        {
            Interlocked.Increment(ref _tokenRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = $"outbound-token-{Guid.NewGuid():N}",
            });
        });
        app.MapGet("/files/{id}/{name}", (string id, HttpContext context) => File(id, context, needsToken: false));
        app.MapGet("/teams/v3/attachments/{id}/views/original", (string id, HttpContext context) => File(id, context, needsToken: true));
        app.MapPost("/teams/v3/conversations/{conversationId}/activities/{replyToId?}", (Delegate)RecordAsync);
        app.MapPut("/teams/v3/conversations/{conversationId}/activities/{activityId}", (Delegate)RecordAsync);
    }

    private IResult File(string id, HttpContext context, bool needsToken)
    {
        var auth = context.Request.Headers.Authorization.ToString();
        _fileRequests.Enqueue($"{context.Request.Path} {(auth.Length == 0 ? "-" : auth)}");
        if (needsToken && !auth.StartsWith("Bearer outbound-token-", StringComparison.Ordinal))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        return _files.TryGetValue(id, out var content) ? Results.Bytes(content, "application/octet-stream") : Results.NotFound();
    }

    private async Task<IResult> RecordAsync(HttpContext context)
    {
        if (Interlocked.Decrement(ref _failuresToInject) >= 0)
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var activity = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        activity["_path"] = $"{context.Request.Method} {context.Request.Path}";
        activity["_auth"] = context.Request.Headers.Authorization.ToString();
        _sent.Enqueue(activity);
        return Results.Json(new Dictionary<string, string> { ["id"] = $"sent-{_sent.Count}" });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=bot-connector-stand-in", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
