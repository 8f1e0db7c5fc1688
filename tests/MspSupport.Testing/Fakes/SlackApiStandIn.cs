using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// The Slack Web API on a loopback port, answering as its reference documents: every method is a POST to
/// <c>/api/{method}</c> with a bearer token, answered 200 with <c>{"ok": true, …}</c> or <c>{"ok": false, "error": …}</c>,
/// or 429 with <c>Retry-After</c> when rate-limited. It records every call, can be told to fail or rate-limit the next
/// call of a method, serves thread histories for <c>conversations.replies</c> and files for <c>url_private</c>.
/// </summary>
public sealed class SlackApiStandIn : IAsyncDisposable
{
    public const string TeamId = "T0STANDIN";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackApiCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? Error, int RetryAfter)>> _faults = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _ts = 1_700_000_000_000_000;
    private int _views;

    private SlackApiStandIn(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What to configure as <c>Slack:ApiBaseUrl</c>.</summary>
    public string ApiBaseUrl => new Uri(BaseAddress, "api/").AbsoluteUri;

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<SlackApiCall> Calls => [.. _calls];

    /// <summary>Thread histories for <c>conversations.replies</c>, by "channel/thread_ts".</summary>
    public ConcurrentDictionary<string, JsonArray> Threads { get; } = new(StringComparer.Ordinal);

    /// <summary>Files served at <c>/files/{name}</c> (for <c>url_private</c>) to callers with a bearer token.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Display names for <c>users.info</c>, by user id.</summary>
    public ConcurrentDictionary<string, string> UserNames { get; } = new(StringComparer.Ordinal);

    /// <summary>What <c>oauth.v2.access</c> answers (a successful install unless changed).</summary>
    public JsonObject OAuthAnswer { get; set; } = new()
    {
        ["ok"] = true,
        ["access_token"] = "xoxb-installed-token",
        ["token_type"] = "bot",
        ["scope"] = "app_mentions:read,chat:write",
        ["bot_user_id"] = "U0INSTALLBOT",
        ["app_id"] = "A0STANDIN",
        ["team"] = new JsonObject { ["id"] = "T0INSTALLED", ["name"] = "Installed Workspace" },
    };

    /// <summary>The WebSocket URL <c>apps.connections.open</c> hands out (Socket Mode tests set it).</summary>
    public string? SocketUrl { get; set; }

    public static async Task<SlackApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new SlackApiStandIn(app);
        app.MapPost("/api/{method}", standIn.HandleAsync);
        app.MapGet("/files/{name}", (HttpContext http, string name) =>
            !http.Request.Headers.Authorization.ToString().StartsWith("Bearer xox", StringComparison.Ordinal) ? Results.StatusCode(403)
            : standIn.Files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound());
        await app.StartAsync();
        standIn.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return standIn;
    }

    /// <summary>The next call of <paramref name="method"/> answers <c>ok: false</c> with <paramref name="error"/>.</summary>
    public void FailNext(string method, string error) => Faults(method).Enqueue((200, error, 0));

    /// <summary>The next call of <paramref name="method"/> answers 429 with <c>Retry-After: seconds</c>.</summary>
    public void RateLimitNext(string method, int retryAfterSeconds) => Faults(method).Enqueue((429, "ratelimited", retryAfterSeconds));

    public IReadOnlyList<SlackApiCall> CallsOf(string method) => [.. _calls.Where(c => c.Method == method)];

    /// <summary>Waits (on a signal, not a sleep) for a call matching <paramref name="match"/> among calls after the first <paramref name="skip"/>.</summary>
    public async Task<SlackApiCall> WaitForAsync(Func<SlackApiCall, bool> match, int skip = 0, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (_calls.Skip(skip).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No matching Slack call. Calls: " + string.Join(", ", _calls.Select(c => c.Method)));
            }
        }
    }

    private ConcurrentQueue<(int, string?, int)> Faults(string method) => _faults.GetOrAdd(method, _ => new());

    private async Task<IResult> HandleAsync(HttpContext http, string method)
    {
        var at = DateTimeOffset.UtcNow;
        var arguments = await ArgumentsAsync(http.Request);
        var authorization = http.Request.Headers.Authorization.ToString();
        var (status, error, retryAfter) = _faults.TryGetValue(method, out var faults) && faults.TryDequeue(out var fault) ? fault : (200, null, 0);
        if (string.IsNullOrEmpty(authorization) && method is not "oauth.v2.access")
        {
            error = "not_authed";
        }

        var answer = status == 429 || error is not null ? new JsonObject { ["ok"] = false, ["error"] = error ?? "ratelimited" } : Answer(method, arguments);
        Record(new SlackApiCall(method, authorization, arguments, status, (JsonObject)answer.DeepClone()) { At = at });
        if (status == 429)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Results.Json(answer, statusCode: 429);
        }

        return Results.Json(answer);
    }

    private JsonObject Answer(string method, JsonObject arguments)
    {
        var channel = (string?)arguments["channel"];
        switch (method)
        {
            case "chat.postMessage":
                return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = NextTs(), ["message"] = new JsonObject { ["text"] = (string?)arguments["text"] } };
            case "chat.update":
                return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = (string?)arguments["ts"], ["text"] = (string?)arguments["text"] };
            case "chat.postEphemeral":
                return new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() };
            case "views.open":
            case "views.update":
                var id = (string?)arguments["view_id"] ?? $"V{Interlocked.Increment(ref _views):D8}";
                return new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = id, ["type"] = "modal" } };
            case "users.info":
                var user = (string?)arguments["user"] ?? "";
                var name = UserNames.TryGetValue(user, out var known) ? known : user;
                return new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = user, ["name"] = name.ToLowerInvariant(), ["real_name"] = name, ["profile"] = new JsonObject { ["display_name"] = name } } };
            case "conversations.replies":
                var key = $"{channel}/{(string?)arguments["ts"]}";
                return Threads.TryGetValue(key, out var messages)
                    ? new JsonObject { ["ok"] = true, ["messages"] = messages.DeepClone(), ["has_more"] = false }
                    : new JsonObject { ["ok"] = false, ["error"] = "thread_not_found" };
            case "oauth.v2.access":
                return (JsonObject)OAuthAnswer.DeepClone();
            case "apps.connections.open":
                return SocketUrl is null ? new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" } : new JsonObject { ["ok"] = true, ["url"] = SocketUrl };
            default:
                return new JsonObject { ["ok"] = true };
        }
    }

    private string NextTs()
    {
        var micro = Interlocked.Increment(ref _ts);
        return (micro / 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + (micro % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private void Record(SlackApiCall call)
    {
        _calls.Enqueue(call);
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private static async Task<JsonObject> ArgumentsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var values = new JsonObject();
            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }

            return values;
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
