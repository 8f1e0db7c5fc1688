using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MspSupport.Bot.Tests.Channels.WebChat;

/// <summary>The Direct Line 3.0 subset, spoken over HTTP and a WebSocket to the real bot host, without a browser.</summary>
public sealed class DirectLineProtocolTests : IAsyncLifetime
{
    private WebChatHostFactory _host = null!;
    private DirectLineClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new WebChatHostFactory();
        _client = new DirectLineClient(_host.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Starting_twice_gives_the_same_conversation_and_a_stream_url()
    {
        var (conversationId, token, streamUrl) = await _client.StartAsync();
        Assert.StartsWith("ws://", streamUrl, StringComparison.Ordinal);
        Assert.Contains($"/v3/directline/conversations/{conversationId}/stream?t=", streamUrl, StringComparison.Ordinal);
        using var again = await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(conversationId, (string)(await again.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!);
    }

    [Fact]
    public async Task Messages_and_replies_come_in_order_with_growing_watermarks()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        var first = await _client.PostMessageAsync(conversationId, token, "hello");
        var all = await _client.WaitForAsync(conversationId, token, 2);
        Assert.Equal(first, (string)all[0]!["id"]!);
        Assert.Equal("user", (string)all[0]!["from"]!["role"]!);
        Assert.Equal("browser-user-0001", (string)all[0]!["from"]!["id"]!); // the token's user, not what the client claimed
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)all[1]!["attachments"]![0]!["contentType"]!);
        Assert.Equal(first, (string)all[1]!["replyToId"]!);
        Assert.NotNull(all[1]!["channelData"]!["mspDebug"]!["route"]);

        var watermark = (string)(await _client.ActivitiesAsync(conversationId, token))["watermark"]!;
        Assert.Equal("2", watermark);
        Assert.Empty((await _client.ActivitiesAsync(conversationId, token, watermark))["activities"]!.AsArray());

        await _client.PostMessageAsync(conversationId, token, "help");
        await _client.WaitForAsync(conversationId, token, 4);
        var newer = await _client.ActivitiesAsync(conversationId, token, watermark);
        Assert.Equal(["help", null], newer["activities"]!.AsArray().Select(a => (string?)a!["text"]));
        Assert.Equal("4", (string)newer["watermark"]!);
        var ids = (await _client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task The_websocket_and_polling_give_the_same_activities()
    {
        var (conversationId, token, streamUrl) = await _client.StartAsync();
        await _client.PostMessageAsync(conversationId, token, "hello"); // before the stream opens: comes as backlog
        using var socket = await _host.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        await _client.PostMessageAsync(conversationId, token, "help");

        var streamed = new List<JsonObject>();
        string? lastWatermark = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (streamed.Count < 4)
        {
            var set = await ReceiveAsync(socket, timeout.Token);
            if (set is null)
            {
                continue; // keep-alive
            }

            lastWatermark = (string?)set["watermark"];
            streamed.AddRange(set["activities"]!.AsArray().Select(a => a!.AsObject()).Where(a => (string?)a["type"] != "typing"));
        }

        var polled = (await _client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray();
        Assert.Equal(polled.Select(a => (string)a!["id"]!), streamed.Select(a => (string)a["id"]!));
        Assert.Equal(polled.Select(a => a!.ToJsonString()), streamed.Select(a => a.ToJsonString()));
        Assert.Equal("4", lastWatermark);

        // Reconnecting with a watermark: a new streamUrl, and the stream starts after it.
        using var reconnect = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=3", token);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var resumedUrl = (string)(await reconnect.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!;
        Assert.Contains("watermark=3", resumedUrl, StringComparison.Ordinal);
        using var resumed = await _host.Server.CreateWebSocketClient().ConnectAsync(new Uri(resumedUrl), CancellationToken.None);
        var backlog = await ReceiveAsync(resumed, timeout.Token);
        Assert.Equal([(string)polled[3]!["id"]!], backlog!["activities"]!.AsArray().Select(a => (string)a!["id"]!));
    }

    [Fact]
    public async Task A_refreshed_token_keeps_the_conversation_and_an_expired_one_is_refused()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(20));
        using var refresh = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = (await refresh.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(conversationId, (string)refreshed["conversationId"]!);
        var newToken = (string)refreshed["token"]!;
        Assert.NotEqual(token, newToken);

        _host.Clock.Advance(TimeSpan.FromMinutes(15)); // the first token is 35 minutes old (lifetime 30), the new one 15
        using var expired = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("TokenExpired", (string)(await expired.Content.ReadFromJsonAsync<JsonObject>())!["code"]!);
        using var refreshExpired = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        Assert.Equal(HttpStatusCode.Forbidden, refreshExpired.StatusCode);
        await _client.PostMessageAsync(conversationId, newToken, "hello");
    }

    [Fact]
    public async Task A_token_cannot_read_or_post_to_another_conversation()
    {
        var (mine, myToken, _) = await _client.StartAsync("browser-user-0001");
        var (theirs, theirToken, theirStream) = await _client.StartAsync("browser-user-0002");
        await _client.PostMessageAsync(theirs, theirToken, "hello");
        await _client.WaitForAsync(theirs, theirToken, 2);

        using var read = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs}/activities", myToken);
        using var reconnect = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs}", myToken);
        using var post = await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{theirs}/activities", myToken, """{"type":"message","text":"hi"}""");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        // Their stream URL with my stream token swapped in is refused too.
        var myStream = (await (await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{mine}", myToken)).Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!.ToString();
        var forged = theirStream.Split("?t=")[0] + "?t=" + myStream.Split("?t=")[1];
        await Assert.ThrowsAnyAsync<Exception>(() => _host.Server.CreateWebSocketClient().ConnectAsync(new Uri(forged), CancellationToken.None));
        Assert.Equal("2", (string)(await _client.ActivitiesAsync(theirs, theirToken))["watermark"]!);
    }

    [Fact]
    public async Task Unknown_conversation_is_404_and_no_token_is_401()
    {
        var (conversationId, token) = await _client.GenerateAsync(); // generated, never started
        using var unknown = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var tampered = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal("TokenInvalid", (string)(await tampered.Content.ReadFromJsonAsync<JsonObject>())!["code"]!);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99")]
    [InlineData("1.5")]
    public async Task A_bad_watermark_is_400(string watermark)
    {
        var (conversationId, token, _) = await _client.StartAsync();
        using var response = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("watermark", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_activities_get_clear_errors_and_nothing_is_stored()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        var path = $"/v3/directline/conversations/{conversationId}/activities";
        var cases = new (string Body, HttpStatusCode Status, string Says)[]
        {
            ("{\"type\":\"message\",\"text\":", HttpStatusCode.BadRequest, "not valid JSON"),
            ("[1,2]", HttpStatusCode.BadRequest, "Expected an activity"),
            ("{\"text\":\"no type\"}", HttpStatusCode.BadRequest, "Expected an activity"),
            ("{\"type\":\"message\",\"text\":42}", HttpStatusCode.BadRequest, "Expected an activity"),
            ("{\"type\":\"message\"}", HttpStatusCode.BadRequest, "needs text"),
            ("{\"type\":\"invoke\",\"name\":\"x\"}", HttpStatusCode.BadRequest, "not accepted"),
            (new JsonObject { ["type"] = "message", ["text"] = new string('x', 5000) }.ToJsonString(), HttpStatusCode.RequestEntityTooLarge, "at most"),
        };
        foreach (var (body, status, says) in cases)
        {
            using var response = await _client.SendAsync(HttpMethod.Post, path, token, body);
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("0", (string)(await _client.ActivitiesAsync(conversationId, token))["watermark"]!);
    }

    [Fact]
    public async Task The_page_and_its_settings_are_served()
    {
        using var http = _host.CreateClient();
        var page = await http.GetStringAsync("/");
        Assert.Contains("/webchat.js", page, StringComparison.Ordinal);
        var config = (await http.GetFromJsonAsync<JsonObject>("/webchat/config.json"))!;
        Assert.Equal("Contoso IT", (string)config["mspName"]!);
        Assert.Equal("local", (string)config["authMode"]!);
    }

    [Fact]
    public async Task Signed_mode_exchanges_the_portals_identity_and_refuses_anything_else()
    {
        const string secret = "portal-identity-secret-0123456789abcdef";
        await using var signedHost = new WebChatHostFactory(secret);
        using var http = signedHost.CreateClient();
        var client = new DirectLineClient(http);

        using var none = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var forged = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Identity("another-secret-of-sufficient-length-000000", signedHost.Clock));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using var stale = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Identity(secret, signedHost.Clock, TimeSpan.FromHours(-2)));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);

        using var ok = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Identity(secret, signedHost.Clock));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var token = (string)(await ok.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        using var start = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        var conversationId = (string)(await start.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!;
        await client.PostMessageAsync(conversationId, token, "hello");
        var activities = await client.WaitForAsync(conversationId, token, 2);
        Assert.Equal("portal-user-42", (string)activities[0]!["from"]!["id"]!);
        Assert.Equal("Grace (Fabrikam)", (string)activities[0]!["from"]!["name"]!);
    }

    private static string Identity(string secret, TimeProvider clock, TimeSpan? shift = null)
    {
        var now = clock.GetUtcNow().UtcDateTime + (shift ?? TimeSpan.Zero);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = "portal-user-42", ["name"] = "Grace (Fabrikam)", ["tid"] = "fabrikam-portal" },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<JsonObject?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken) switch { var r => new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage) };
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return length == 0 ? null : JsonNode.Parse(buffer.AsSpan(0, length))!.AsObject();
    }
}
