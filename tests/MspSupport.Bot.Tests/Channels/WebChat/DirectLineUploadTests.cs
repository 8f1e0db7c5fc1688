using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MspSupport.Bot.Tests.Channels.WebChat;

/// <summary>
/// Direct Line's upload (<c>POST …/upload</c>, multipart/form-data), as Web Chat's upload button sends it: the files reach
/// the ticket the chat is about; oversize, malformed and foreign uploads are refused and store nothing.
/// </summary>
public sealed partial class DirectLineUploadTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01];
    private WebChatHostFactory _host = null!;
    private HttpClient _http = null!;
    private DirectLineClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new WebChatHostFactory(maxAttachmentBytes: 64 * 1024);
        _http = _host.CreateClient();
        _client = new DirectLineClient(_http);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_screenshot_sent_after_filing_a_ticket_is_attached_to_that_ticket()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        var ticketId = await FileTicketAsync(conversationId, token);
        var before = (await _client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray().Count;

        using var response = await UploadAsync(conversationId, token, Upload(("file", "screen shot.png", "image/png", Png), Activity("here is the error")));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var echoId = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var attached = await UntilAsync(conversationId, token, a => a.ToJsonString().Contains("Attached screen shot.png", StringComparison.Ordinal));
        var all = (await _client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray();
        var echo = all.Single(a => (string)a!["id"]! == echoId)!;
        Assert.Equal(before, all.IndexOf(echo));
        Assert.Equal(echoId, (string)attached["replyToId"]!);
        Assert.Equal("here is the error", (string)echo["text"]!);
        Assert.Equal("browser-user-0001", (string)echo["from"]!["id"]!);
        Assert.Equal("client-42", (string)echo["channelData"]!["clientActivityID"]!);
        var named = Assert.Single(echo["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("screen shot.png", (string)named["name"]!);
        Assert.Null(named["contentUrl"]); // the echo names the file; the bytes stay on the server
        Assert.Null(named["content"]);

        var ticket = await TicketAsync(ticketId);
        var file = Assert.Single(ticket["attachments"]!.AsArray())!;
        Assert.Equal("screen shot.png", (string)file["fileName"]!);
        Assert.Equal("image/png", (string)file["contentType"]!);
        using var download = await TechRequestAsync(HttpMethod.Get, $"/tickets/{ticketId}/attachments/{(string)file["attachmentId"]!}");
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Refused_uploads_get_clear_errors_and_store_nothing()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        var ticketId = await FileTicketAsync(conversationId, token);
        var watermark = (string)(await _client.ActivitiesAsync(conversationId, token))["watermark"]!;
        var big = new byte[(64 * 1024) + 1];
        Png.CopyTo(big, 0);

        var cases = new (HttpContent Body, HttpStatusCode Status, string Says)[]
        {
            (Upload(("file", "big.png", "image/png", big)), HttpStatusCode.RequestEntityTooLarge, "Files up to 64 KB"),
            (Upload([.. Enumerable.Range(0, 6).Select(i => ("file", $"s{i}.png", "image/png", Png))]), HttpStatusCode.BadRequest, "At most 5 files"),
            (Upload(Activity("no file")), HttpStatusCode.BadRequest, "has no file"),
            (Upload(("file", "s.png", "image/png", Png), ("activity", null, "application/vnd.microsoft.activity", "[1,2]"u8.ToArray())), HttpStatusCode.BadRequest, "must be a JSON object"),
            (Upload(("file", "s.png", "image/png", Png), ("activity", null, "application/vnd.microsoft.activity", """{"type":"invoke"}"""u8.ToArray())), HttpStatusCode.BadRequest, "cannot carry them"),
            (Raw("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.png\"\r\n\r\nunfinished"), HttpStatusCode.BadRequest, "malformed"),
            (Raw("multipart/form-data", "no boundary"), HttpStatusCode.BadRequest, "multipart/form-data"),
            (Raw("application/json", """{"type":"message"}"""), HttpStatusCode.BadRequest, "multipart/form-data"),
        };
        foreach (var (body, status, says) in cases)
        {
            using (body)
            {
                using var response = await UploadAsync(conversationId, token, body);
                Assert.Equal(status, response.StatusCode);
                Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(watermark, (string)(await _client.ActivitiesAsync(conversationId, token))["watermark"]!);
        Assert.Empty((await TicketAsync(ticketId))["attachments"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task Another_users_conversation_cannot_be_uploaded_to()
    {
        var (theirs, theirToken, _) = await _client.StartAsync("browser-user-0002");
        var (_, myToken, _) = await _client.StartAsync("browser-user-0001");
        using var anonymous = await UploadAsync(theirs, null, Upload(("file", "s.png", "image/png", Png)));
        using var foreign = await UploadAsync(theirs, myToken, Upload(("file", "s.png", "image/png", Png)));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("1", (string)(await _client.ActivitiesAsync(theirs, theirToken))["watermark"]!); // their welcome card only
    }

    private async Task<string> FileTicketAsync(string conversationId, string token)
    {
        await _client.PostMessageAsync(conversationId, token, "create a ticket for printer jam");
        var form = (await UntilAsync(conversationId, token, a => a["attachments"]?[0]?["content"]?["actions"] is JsonArray))["attachments"]![0]!["content"]!;
        var submit = form["actions"]!.AsArray().First(a => (string)a!["type"]! == "Action.Submit")!["data"]!.AsObject().DeepClone().AsObject();
        submit["title"] = "Printer jam on floor 2";
        submit["description"] = "Paper stuck in tray 2.";
        using var posted = await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            new JsonObject { ["type"] = "message", ["value"] = submit }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var card = await UntilAsync(conversationId, token, a => (string?)a["from"]?["role"] == "bot" && TicketId().IsMatch(a.ToJsonString()));
        return TicketId().Match(card.ToJsonString()).Value;
    }

    /// <summary>The first activity in the conversation that <paramref name="wanted"/> accepts, waiting for the agent if need be.</summary>
    private async Task<JsonObject> UntilAsync(string conversationId, string token, Func<JsonObject, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = (await _client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray().Select(a => a!.AsObject()).FirstOrDefault(wanted);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private Task<HttpResponseMessage> UploadAsync(string conversationId, string? token, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId=whoever") { Content = body };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _http.SendAsync(request);
    }

    private async Task<JsonObject> TicketAsync(string ticketId)
    {
        using var response = await TechRequestAsync(HttpMethod.Get, $"/tickets/{ticketId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> TechRequestAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-api-key", WebChatHostFactory.TechKey);
        return _http.SendAsync(request);
    }

    private static (string Name, string? FileName, string ContentType, byte[] Bytes) Activity(string text) =>
        ("activity", null, "application/vnd.microsoft.activity",
            Encoding.UTF8.GetBytes(new JsonObject { ["type"] = "message", ["text"] = text, ["channelData"] = new JsonObject { ["clientActivityID"] = "client-42" } }.ToJsonString()));

    private static MultipartFormDataContent Upload(params (string Name, string? FileName, string ContentType, byte[] Bytes)[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, fileName, contentType, bytes) in parts)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            if (fileName is null)
            {
                form.Add(part, name);
            }
            else
            {
                form.Add(part, name, fileName);
            }
        }

        return form;
    }

    private static StringContent Raw(string contentType, string body)
    {
        var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [GeneratedRegex("TKT-[0-9A-Z]{7}-[0-9A-Z]{5}")]
    private static partial Regex TicketId();
}
