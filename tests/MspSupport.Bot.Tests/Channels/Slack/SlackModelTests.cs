using System.Text.Json.Nodes;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>With a model (an OpenAI-compatible stand-in): streamed answers as edits, and thread context for mid-thread mentions.</summary>
public sealed class SlackModelTests : IAsyncLifetime
{
    private const string Answer = "Clear the saved Outlook credentials in Credential Manager, then sign in again.";
    private RecordingHttpServer _model = null!;
    private SlackApiStandIn _slack = null!;
    private SlackHostFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _model = await RecordingHttpServer.StartAsync(ChatCompletionsStandIn.Answering(Answer));
        _slack = await SlackApiStandIn.StartAsync();
        var baseUrl = new Uri(_model.BaseAddress, "v1").ToString();
        _factory = new SlackHostFactory(_slack, new Dictionary<string, string?>
        {
            ["Agent:Models:Cheap:Provider"] = "OpenAI",
            ["Agent:Models:Cheap:BaseUrl"] = baseUrl,
            ["Agent:Models:Cheap:ModelId"] = "small",
            ["Agent:Models:Capable:Provider"] = "OpenAI",
            ["Agent:Models:Capable:BaseUrl"] = baseUrl,
            ["Agent:Models:Capable:ModelId"] = "large",
        });
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _slack.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task A_mid_thread_mention_reads_the_thread_and_streams_its_answer_as_edits_ending_in_the_answer_card()
    {
        const string thread = "1800000000.700000";
        _slack.Threads[$"C0MODEL/{thread}"] =
        [
            new JsonObject { ["ts"] = thread, ["user"] = "U0BOB", ["text"] = "Outlook on my laptop keeps asking for my password" },
            new JsonObject { ["ts"] = "1800000000.700001", ["user"] = "U0CAROL", ["text"] = "same here since this morning" },
        ];
        await _client.SendAsync(SlackRequests.Event(SlackRequests.Mention(SlackHostFactory.ContosoTeam, "U0BOB", "C0MODEL", "any idea what we should try?", thread)));

        var replies = await _slack.WaitForAsync(c => c.Method == "conversations.replies");
        Assert.Equal(thread, replies.Arg("ts"));
        var first = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0MODEL");
        Assert.Equal(thread, first.Arg("thread_ts"));
        Assert.EndsWith("…", first.Arg("text"), StringComparison.Ordinal);
        var final = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arguments["blocks"] is JsonArray { Count: > 0 });
        var edits = _slack.CallsOf("chat.update");
        Assert.True(edits.Count >= 2, "expected progressive edits before the final answer");
        Assert.All(edits, e => Assert.Equal((string?)first.Answer["ts"], e.Arg("ts")));
        Assert.Same(final, edits[^1]);
        Assert.Contains("Credential Manager", final.Arguments["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        var verbs = final.Arguments["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? []).Select(e => BlockKitActionValue.Decode((string?)e!["value"])?.Verb);
        Assert.Contains("feedback", verbs);
        Assert.Single(_slack.CallsOf("chat.postMessage"), c => c.Arg("channel") == "C0MODEL");

        // The model saw what the thread said before the mention.
        Assert.Contains(_model.Requests, r => r.Body.Contains("Outlook on my laptop keeps asking for my password", StringComparison.Ordinal));
    }
}
