using System.Net;
using System.Text.Json.Nodes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>Files shared with the assistant in Slack go onto the ticket the conversation is about.</summary>
public sealed class SlackFileTests(SlackHost host) : IClassFixture<SlackHost>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 5, 5, 5];

    [Fact]
    public async Task A_shared_screenshot_is_attached_and_the_token_only_goes_to_slack()
    {
        var ticketId = (string)(await ApiAsync(HttpMethod.Post, "/tickets", new JsonObject { ["title"] = "Printer jams on tray 2", ["customerId"] = "contoso" }))["ticketId"]!;
        await SayAsync($"status of {ticketId}", []);
        host.Slack.Files["jam.png"] = Png;
        var shared = new JsonArray(
            File("F1", "jam.png", new Uri(host.Slack.BaseAddress, "files/jam.png").AbsoluteUri),
            File("F2", "elsewhere.png", "https://attacker.example/steal.png"));

        var before = host.Slack.Calls.Count;
        await SayAsync("", shared);
        await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arguments.ToJsonString().Contains("Attached jam.png", StringComparison.Ordinal), before);

        var stored = await ApiAsync(HttpMethod.Get, $"/tickets/{ticketId}", null);
        Assert.Equal(["jam.png"], stored["attachments"]!.AsArray().Select(a => (string)a!["fileName"]!));
    }

    private static JsonObject File(string id, string name, string url) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["mimetype"] = "image/png",
        ["size"] = Png.Length,
        ["url_private"] = url,
    };

    private async Task SayAsync(string text, JsonArray files)
    {
        var message = SlackRequests.Message(SlackHostFactory.ContosoTeam, "U0FILES", "D0FILES", "im", text);
        if (files.Count > 0)
        {
            message["event"]!["subtype"] = "file_share";
            message["event"]!["files"] = files;
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(message))).StatusCode);
        if (files.Count == 0)
        {
            await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "D0FILES" && c.Arguments.ToJsonString().Contains(text[^17..], StringComparison.Ordinal));
        }
    }

    private async Task<JsonObject> ApiAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-api-key", SlackHostFactory.TechKey);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
