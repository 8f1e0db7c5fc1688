using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// The Slack Web API methods the assistant uses, over HttpClient against <see cref="SlackOptions.ApiBaseUrl"/>.
/// Slack answers 200 with <c>ok: false</c> and an error code for most failures: those are logged with the method and
/// the code and come back as null, as do transport failures; rate limits are handled by <see cref="SlackRateLimitHandler"/>
/// (the pace of each method, and 429s), which learns a call's channel from here.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, SlackPacer pacer, ILogger<SlackApiClient> logger)
{
    /// <summary>Calls <paramref name="method"/> with a JSON body (the write methods accept JSON).</summary>
    public Task<JsonObject?> CallAsync(string method, string token, JsonObject arguments, CancellationToken cancellationToken) =>
        CallAsync(method, token, arguments, turnTaken: false, cancellationToken);

    private Task<JsonObject?> CallAsync(string method, string token, JsonObject arguments, bool turnTaken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var content = new StringContent(arguments.ToJsonString(), Encoding.UTF8, "application/json");
        var channel = arguments["channel"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
        return SendAsync(method, new AuthenticationHeaderValue("Bearer", token), content, cancellationToken, channel, turnTaken);
    }

    /// <summary>Calls <paramref name="method"/> form-encoded (the read methods take no JSON).</summary>
    public Task<JsonObject?> CallFormAsync(string method, AuthenticationHeaderValue? authorization, IEnumerable<KeyValuePair<string, string>> arguments, CancellationToken cancellationToken) =>
        SendAsync(method, authorization, new FormUrlEncodedContent(arguments), cancellationToken);

    public async Task<string?> PostMessageAsync(string token, string channel, string? threadTs, string text, JsonArray? blocks, CancellationToken cancellationToken) =>
        (await PostMessageWithErrorAsync(token, channel, threadTs, text, blocks, cancellationToken)).Ts;

    /// <summary><c>chat.postMessage</c>, saying why it failed when it did (see <see cref="SlackPostResult"/>).</summary>
    public async Task<SlackPostResult> PostMessageWithErrorAsync(string token, string channel, string? threadTs, string text, JsonArray? blocks, CancellationToken cancellationToken)
    {
        var arguments = new JsonObject { ["channel"] = channel, ["text"] = text, ["unfurl_links"] = false };
        if (threadTs is not null)
        {
            arguments["thread_ts"] = threadTs;
        }

        if (blocks is not null)
        {
            arguments["blocks"] = blocks;
        }

        var content = new StringContent(arguments.ToJsonString(), Encoding.UTF8, "application/json");
        var (answer, error) = await ExchangeAsync("chat.postMessage", Bearer(token), content, channel, turnTaken: false, cancellationToken);
        return new SlackPostResult((string?)answer?["ts"], answer is null ? error ?? "no error code" : null);
    }

    public async Task<bool> UpdateAsync(string token, string channel, string ts, string text, JsonArray? blocks, CancellationToken cancellationToken)
    {
        var arguments = new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text };
        arguments["blocks"] = blocks ?? [];
        return await CallAsync("chat.update", token, arguments, cancellationToken) is not null;
    }

    /// <summary>
    /// An edit that may be skipped (a streamed answer's progress): sent only when <c>chat.update</c>'s pace has room
    /// for it now and no 429 holds it, so that it never waits. True when it was sent (whatever Slack answered).
    /// </summary>
    public async Task<bool> UpdateIfRoomAsync(string token, string channel, string ts, string text, CancellationToken cancellationToken)
    {
        if (!pacer.TryTakeTurn(token, "chat.update", channel))
        {
            return false;
        }

        var arguments = new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text, ["blocks"] = new JsonArray() };
        await CallAsync("chat.update", token, arguments, turnTaken: true, cancellationToken);
        return true;
    }

    public async Task<bool> PostEphemeralAsync(string token, string channel, string user, string? threadTs, string text, JsonArray? blocks, CancellationToken cancellationToken)
    {
        var arguments = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text };
        if (threadTs is not null)
        {
            arguments["thread_ts"] = threadTs;
        }

        if (blocks is not null)
        {
            arguments["blocks"] = blocks;
        }

        return await CallAsync("chat.postEphemeral", token, arguments, cancellationToken) is not null;
    }

    public async Task<string?> OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("views.open", token, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, cancellationToken);
        return (string?)answer?["view"]?["id"];
    }

    public async Task<bool> UpdateViewAsync(string token, string viewId, JsonObject view, CancellationToken cancellationToken) =>
        await CallAsync("views.update", token, new JsonObject { ["view_id"] = viewId, ["view"] = view }, cancellationToken) is not null;

    /// <summary>The user's profile (<c>users.info</c>), or null.</summary>
    public async Task<JsonObject?> UserInfoAsync(string token, string user, CancellationToken cancellationToken)
    {
        var answer = await CallFormAsync("users.info", Bearer(token), [new("user", user)], cancellationToken);
        return answer?["user"] as JsonObject;
    }

    /// <summary>
    /// The user's profile only if <c>users.info</c>'s pace has room for the call now (never waits): a display name is a
    /// label, not worth holding a worker for. <c>Sent</c> is false when the call was skipped.
    /// </summary>
    public async Task<(JsonObject? User, bool Sent)> UserInfoIfRoomAsync(string token, string user, CancellationToken cancellationToken)
    {
        if (!pacer.TryTakeTurn(token, "users.info", null))
        {
            return (null, false);
        }

        var answer = await SendAsync("users.info", Bearer(token), new FormUrlEncodedContent([new("user", user)]), cancellationToken, turnTaken: true);
        return (answer?["user"] as JsonObject, true);
    }

    /// <summary>The messages of a thread, oldest first (<c>conversations.replies</c>), or empty.</summary>
    public async Task<IReadOnlyList<JsonObject>> RepliesAsync(string token, string channel, string threadTs, int limit, CancellationToken cancellationToken)
    {
        var answer = await CallFormAsync("conversations.replies", Bearer(token),
            [new("channel", channel), new("ts", threadTs), new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))], cancellationToken);
        return answer?["messages"] is JsonArray messages ? messages.OfType<JsonObject>().ToList() : [];
    }

    /// <summary>Exchanges an OAuth code for the workspace's bot token (<c>oauth.v2.access</c>, client id and secret as Basic auth).</summary>
    public Task<JsonObject?> OAuthAccessAsync(string clientId, string clientSecret, string code, string? redirectUri, CancellationToken cancellationToken)
    {
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        var arguments = new List<KeyValuePair<string, string>> { new("code", code) };
        if (redirectUri is not null)
        {
            arguments.Add(new("redirect_uri", redirectUri));
        }

        return CallFormAsync("oauth.v2.access", basic, arguments, cancellationToken);
    }

    /// <summary>A Socket Mode WebSocket URL (<c>apps.connections.open</c> with the app-level token).</summary>
    public async Task<Uri?> OpenConnectionAsync(string appToken, CancellationToken cancellationToken)
    {
        var answer = await CallFormAsync("apps.connections.open", Bearer(appToken), [], cancellationToken);
        return Uri.TryCreate((string?)answer?["url"], UriKind.Absolute, out var url) ? url : null;
    }

    /// <summary>Downloads a shared file (its <c>url_private</c>) with the bot token, refusing anything over <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]?> DownloadAsync(string token, Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = Bearer(token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private async Task<JsonObject?> SendAsync(string method, AuthenticationHeaderValue? authorization, HttpContent content, CancellationToken cancellationToken, string? channel = null, bool turnTaken = false) =>
        (await ExchangeAsync(method, authorization, content, channel, turnTaken, cancellationToken)).Answer;

    /// <summary>The answer when Slack said ok; otherwise null and why: Slack's error code, <c>http_{status}</c>, or <see cref="SlackPostResult.Unreachable"/>.</summary>
    private async Task<(JsonObject? Answer, string? Error)> ExchangeAsync(string method, AuthenticationHeaderValue? authorization, HttpContent content, string? channel, bool turnTaken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.Value.ApiBaseUrl), method)) { Content = content };
        request.Headers.Authorization = authorization;
        if (channel is not null)
        {
            request.Options.Set(SlackPacer.ChannelOption, channel);
        }

        if (turnTaken)
        {
            request.Options.Set(SlackPacer.TurnTakenOption, true);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogHttpFailed(method, (int)response.StatusCode);
                return (null, SlackPostResult.HttpError((int)response.StatusCode));
            }

            var answer = JsonNode.Parse(body) as JsonObject;
            if (answer?["ok"]?.GetValueKind() == JsonValueKind.True)
            {
                return (answer, null);
            }

            var error = (string?)answer?["error"] ?? "no error code";
            LogNotOk(method, error);
            return (null, error);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogTransportFailed(e, method);
            return (null, SlackPostResult.Unreachable);
        }
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    [LoggerMessage(1, LogLevel.Warning, "Slack {Method} answered ok:false with {Error}")]
    private partial void LogNotOk(string method, string error);

    [LoggerMessage(2, LogLevel.Warning, "Slack {Method} answered HTTP {Status}")]
    private partial void LogHttpFailed(string method, int status);

    [LoggerMessage(3, LogLevel.Warning, "Slack {Method} could not be reached")]
    private partial void LogTransportFailed(Exception exception, string method);
}
