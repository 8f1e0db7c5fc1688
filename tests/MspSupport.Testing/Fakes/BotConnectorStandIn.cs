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
/// activity the bot sends, including the Teams streaming protocol (informative, streaming and final updates with
/// their <c>streaminfo</c> entity, the stream id, sequence and text rules, and the documented 403
/// <c>ContentStreamNotAllowed</c> refusals). Tests sign inbound activities with <see cref="CreateChannelToken"/>.
/// The RSA keys and the certificate are made once per test process: making them is the expensive part.
/// </summary>
public sealed class BotConnectorStandIn : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";

    private static readonly Lazy<TestSigningKey> SharedTeamsKey = new(() => new TestSigningKey("teams-key"));
    private static readonly Lazy<TestSigningKey> SharedOtherChannelKey = new(() => new TestSigningKey("webchat-only-key"));
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(CreateCertificate);

    private readonly TestSigningKey _teamsKey = SharedTeamsKey.Value;
    private readonly TestSigningKey _otherChannelKey = SharedOtherChannelKey.Value;
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _sent = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _fileRequests = new();
    private readonly ConcurrentQueue<JsonObject> _refused = new();
    private readonly ConcurrentDictionary<string, StreamState> _streams = new();
    private int _failuresToInject;
    private volatile bool _unavailable;
    private int _unavailableAnswers;
    private int _tokenRequests;
    private long _accepted;
    private int _nextId;
    private volatile bool _streamingNotAllowed;
    private int _cancelStreamsAfter = int.MaxValue;

    public BotConnectorStandIn()
    {
        Certificate = SharedCertificate.Value;
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

    /// <summary>Activities the connector refused (streaming rules), with the status (<c>_status</c>) and error code (<c>_error</c>).</summary>
    public IReadOnlyList<JsonObject> Refused => [.. _refused];

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
    /// <summary>Activities accepted so far, counted even when <see cref="Record"/> is off.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Keep what the bot sends (tests). A load benchmark turns it off and only counts.</summary>
    public bool Record { get; set; } = true;

    /// <summary>The next <paramref name="count"/> sends answer 429 with Retry-After: 1.</summary>
    public void FailNextSends(int count) => Interlocked.Exchange(ref _failuresToInject, count);

    /// <summary>
    /// An outage: from now on every send (post or update of an activity) answers 503 Service Unavailable, without
    /// Retry-After, until <see cref="Recover"/>. Nothing sent meanwhile is recorded; <see cref="UnavailableAnswers"/> counts the refusals.
    /// </summary>
    public void FailSendsUntilRecovered() => _unavailable = true;

    /// <summary>Ends the outage <see cref="FailSendsUntilRecovered"/> started: sends are accepted again.</summary>
    public void Recover() => _unavailable = false;

    /// <summary>How many sends the outage refused with 503.</summary>
    public int UnavailableAnswers => Volatile.Read(ref _unavailableAnswers);

    /// <summary>Every streaming update answers 403 ContentStreamNotAllowed ("Content stream is not allowed").</summary>
    public void DisallowStreaming() => _streamingNotAllowed = true;

    /// <summary>The user presses Stop after <paramref name="updates"/> streaming updates: later ones (and the final) get 403.</summary>
    public void CancelStreamsAfter(int updates) => _cancelStreamsAfter = updates;

    /// <summary>Forgets what was sent and refused and every injected fault (for fixtures shared by a test class).</summary>
    public void Reset()
    {
        _sent.Clear();
        _refused.Clear();
        _streams.Clear();
        _files.Clear();
        _fileRequests.Clear();
        Interlocked.Exchange(ref _failuresToInject, 0);
        _unavailable = false;
        Interlocked.Exchange(ref _unavailableAnswers, 0);
        _streamingNotAllowed = false;
        _cancelStreamsAfter = int.MaxValue;
    }

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
        // Entra ID's metadata for the token authority (MSAL for Node reads it before its first token request).
        app.MapGet("/botframework.com/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"{TokenAuthority}/v2.0",
            ["authorization_endpoint"] = $"{TokenAuthority}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{TokenAuthority}/oauth2/v2.0/token",
            ["end_session_endpoint"] = $"{TokenAuthority}/oauth2/v2.0/logout",
            ["jwks_uri"] = $"{BaseUrl}/v1/.well-known/keys",
            ["response_types_supported"] = new[] { "code", "token" },
        }));
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
        app.MapGet("/stand-in/accepted", () => Results.Json(new Dictionary<string, long> { ["accepted"] = Accepted, ["tokenRequests"] = _tokenRequests }));
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
        if (_unavailable)
        {
            Interlocked.Increment(ref _unavailableAnswers);
            return Results.Json(new Dictionary<string, object> { ["error"] = new Dictionary<string, string> { ["code"] = "ServiceUnavailable", ["message"] = "The service is unavailable." } }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (Interlocked.Decrement(ref _failuresToInject) >= 0)
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var activity = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        activity["_path"] = $"{context.Request.Method} {context.Request.Path}";
        activity["_auth"] = context.Request.Headers.Authorization.ToString();
        if (StreamInfo(activity) is { } streamInfo)
        {
            return Stream(activity, streamInfo);
        }

        Accept(activity);
        return Results.Json(new Dictionary<string, string> { ["id"] = $"sent-{Interlocked.Increment(ref _nextId)}" });
    }

    private static JsonObject? StreamInfo(JsonObject activity) =>
        activity["entities"] is JsonArray entities
            ? entities.OfType<JsonObject>().FirstOrDefault(e => string.Equals((string?)e["type"], "streaminfo", StringComparison.OrdinalIgnoreCase))
            : null;

    /// <summary>The Teams streaming rules as documented: start, continue, final; 201 with the stream id, then 202.</summary>
    private IResult Stream(JsonObject activity, JsonObject info)
    {
        var type = (string?)activity["type"];
        var streamType = (string?)info["streamType"] ?? "streaming";
        var streamId = (string?)info["streamId"];
        var sequence = info["streamSequence"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
        var text = (string?)activity["text"] ?? "";

        if (_streamingNotAllowed || (string?)activity["conversation"]?["conversationType"] != "personal")
        {
            return Refuse(activity, 403, "ContentStreamNotAllowed", "Content stream is not allowed");
        }

        if (streamId is null)
        {
            if (type != "typing" || sequence != 1 || streamType == "final" || text.Length == 0)
            {
                return Refuse(activity, 400, "BadRequest", "Start streaming activities should include text and streamSequence 1");
            }

            var id = $"stream-{Interlocked.Increment(ref _nextId)}";
            _streams[id] = new StreamState { LastSequence = 1, LastText = streamType == "streaming" ? text : "" };
            Accept(activity);
            return Results.Json(new Dictionary<string, string> { ["id"] = id }, statusCode: StatusCodes.Status201Created);
        }

        if (!_streams.TryGetValue(streamId, out var stream))
        {
            return Refuse(activity, 400, "BadRequest", "Unknown streamId");
        }

        lock (stream)
        {
            if (stream.Completed)
            {
                return Refuse(activity, 403, "ContentStreamNotAllowed", "Content stream is not allowed on an already completed streamed message");
            }

            if (stream.Updates >= _cancelStreamsAfter)
            {
                return Refuse(activity, 403, "ContentStreamNotAllowed", "Content stream was cancelled by user");
            }

            if (streamType == "final")
            {
                if (type != "message" || sequence is not null || text.Length == 0)
                {
                    return Refuse(activity, 400, "BadRequest", "A final stream message is a message with text and without streamSequence");
                }

                stream.Completed = true;
            }
            else
            {
                if (type != "typing" || sequence is not { } next || next <= stream.LastSequence)
                {
                    return Refuse(activity, 400, "BadRequest", "streamSequence must increase with every update");
                }

                if (streamType == "streaming" && !text.StartsWith(stream.LastText, StringComparison.Ordinal))
                {
                    return Refuse(activity, 400, "BadRequest", "A streaming update must contain the text streamed before");
                }

                stream.LastSequence = next;
                stream.Updates++;
                stream.LastText = streamType == "streaming" ? text : stream.LastText;
            }
        }

        Accept(activity);
        return Results.Json(new Dictionary<string, string>(), statusCode: StatusCodes.Status202Accepted);
    }

    private void Accept(JsonObject activity)
    {
        Interlocked.Increment(ref _accepted);
        if (Record)
        {
            _sent.Enqueue(activity);
        }
    }

    private IResult Refuse(JsonObject activity, int status, string code, string message)
    {
        activity["_status"] = status;
        activity["_error"] = code;
        _refused.Enqueue(activity);
        return Results.Json(new Dictionary<string, object> { ["error"] = new Dictionary<string, string> { ["code"] = code, ["message"] = message } }, statusCode: status);
    }

    private sealed class StreamState
    {
        public int LastSequence { get; set; }

        public int Updates { get; set; }

        public string LastText { get; set; } = "";

        public bool Completed { get; set; }
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
