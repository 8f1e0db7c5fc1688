using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MspSupport.Bot.Tests.Channels.WebChat;

/// <summary>Direct Line calls as a client makes them, for tests that read like the HTTP conversation.</summary>
internal sealed class DirectLineClient(HttpClient http)
{
    public async Task<(string ConversationId, string Token)> GenerateAsync(string userId = "browser-user-0001")
    {
        using var response = await http.PostAsJsonAsync("/v3/directline/tokens/generate", new { user = new { id = userId } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)body["conversationId"]!, (string)body["token"]!);
    }

    public async Task<(string ConversationId, string Token, string StreamUrl)> StartAsync(string userId = "browser-user-0001")
    {
        var (_, token) = await GenerateAsync(userId);
        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)body["conversationId"]!, token, (string)body["streamUrl"]!);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }

    public async Task<string> PostMessageAsync(string conversationId, string token, string text)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "whoever" } }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public async Task<JsonObject> ActivitiesAsync(string conversationId, string token, string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities" + (watermark is null ? "" : $"?watermark={watermark}"), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls until the log holds at least <paramref name="count"/> activities (the agent answers in the background).</summary>
    public async Task<JsonArray> WaitForAsync(string conversationId, string token, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var activities = (await ActivitiesAsync(conversationId, token))["activities"]!.AsArray();
            if (activities.Count >= count)
            {
                return activities;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
