using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// Model answers through /api/messages of the real bot host: streamed with the Teams streaming protocol in 1:1 chats
/// (checked by the stand-in's rules and by the sequence it recorded), one plain message in group chats, and a plain
/// message when Teams refuses or the user stops the stream.
/// </summary>
public sealed class TeamsStreamingTests : IClassFixture<StreamingBotHostFixture>
{
    private const string Question = "why does my laptop keep losing the office network every afternoon?";
    private readonly BotConnectorStandIn _connector;
    private readonly HttpClient _client;

    public TeamsStreamingTests(StreamingBotHostFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.Connector.Reset();
        _connector = fixture.Connector;
        _client = fixture.Client;
    }

    [Fact]
    public async Task A_model_answer_in_a_personal_chat_streams_informative_then_growing_text_then_the_final_message()
    {
        var response = await PostAsync(Message(Question, "personal"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var streamed = (await SentUntilAnswerAsync()).Where(a => StreamInfo(a) is not null).ToList();
        Assert.Empty(_connector.Refused);

        var informative = streamed[0];
        Assert.Equal("typing", (string?)informative["type"]);
        Assert.Equal("informative", (string?)StreamInfo(informative)!["streamType"]);
        Assert.Equal(1, (int)StreamInfo(informative)!["streamSequence"]!);
        Assert.Null(StreamInfo(informative)!["streamId"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)informative["text"]));

        var updates = streamed.Skip(1).SkipLast(1).ToList();
        Assert.True(updates.Count >= 3, $"expected several streaming updates, got {updates.Count}");
        var streamId = (string?)StreamInfo(updates[0])!["streamId"];
        Assert.False(string.IsNullOrEmpty(streamId));
        for (var i = 0; i < updates.Count; i++)
        {
            var info = StreamInfo(updates[i])!;
            Assert.Equal("typing", (string?)updates[i]["type"]);
            Assert.Equal("streaming", (string?)info["streamType"]);
            Assert.Equal(streamId, (string?)info["streamId"]);
            Assert.Equal(i + 2, (int)info["streamSequence"]!);
            if (i > 0)
            {
                var before = (string)updates[i - 1]["text"]!;
                var now = (string)updates[i]["text"]!;
                Assert.True(now.Length > before.Length && now.StartsWith(before, StringComparison.Ordinal), $"'{now}' does not grow '{before}'");
            }
        }

        Assert.StartsWith((string)updates[^1]["text"]!, StreamingBotHostFixture.Answer, StringComparison.Ordinal);

        var final = streamed[^1];
        Assert.Equal("message", (string?)final["type"]);
        Assert.Equal("final", (string?)StreamInfo(final)!["streamType"]);
        Assert.Equal(streamId, (string?)StreamInfo(final)!["streamId"]);
        Assert.Null(StreamInfo(final)!["streamSequence"]);
        Assert.StartsWith(StreamingBotHostFixture.Answer, (string)final["text"]!, StringComparison.Ordinal);
        Assert.Contains(final["attachments"]![0]!["content"]!["actions"]!.AsArray(), a => (string?)a!["title"] == "Helpful");
    }

    [Fact]
    public async Task A_model_answer_in_a_group_chat_is_one_plain_message()
    {
        await PostAsync(Message(Question, "groupChat"));

        var sent = await SentUntilAnswerAsync();

        Assert.DoesNotContain(sent, a => StreamInfo(a) is not null);
        Assert.Empty(_connector.Refused);
        Assert.Single(sent, a => (string?)a["type"] == "message" && ((string?)a["text"] ?? "").Contains(StreamingBotHostFixture.Answer, StringComparison.Ordinal));
        Assert.DoesNotContain(sent, a => (string?)a["type"] == "typing" && a["text"] is not null);
    }

    [Fact]
    public async Task When_teams_does_not_allow_streaming_the_answer_comes_as_one_plain_message()
    {
        _connector.DisallowStreaming();

        await PostAsync(Message(Question, "personal"));
        var sent = await SentUntilAnswerAsync();

        var refused = Assert.Single(_connector.Refused);
        Assert.Equal(403, (int)refused["_status"]!);
        Assert.Equal("ContentStreamNotAllowed", (string?)refused["_error"]);
        var answer = Assert.Single(sent, a => (string?)a["type"] == "message");
        Assert.Null(StreamInfo(answer));
        Assert.StartsWith(StreamingBotHostFixture.Answer, (string)answer["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_user_stops_the_stream_no_more_updates_are_sent_and_the_whole_answer_still_arrives()
    {
        _connector.CancelStreamsAfter(2);

        await PostAsync(Message(Question, "personal"));
        var sent = await SentUntilAnswerAsync();

        Assert.Single(_connector.Refused); // the first update after Stop; nothing is tried on that stream again
        Assert.Equal(3, sent.Count(a => StreamInfo(a) is not null)); // informative and two streaming updates
        var answer = Assert.Single(sent, a => (string?)a["type"] == "message");
        Assert.Null(StreamInfo(answer));
        Assert.StartsWith(StreamingBotHostFixture.Answer, (string)answer["text"]!, StringComparison.Ordinal);
    }

    /// <summary>Everything sent for the turn, once the answer's message has arrived.</summary>
    private async Task<IReadOnlyList<JsonObject>> SentUntilAnswerAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var sent = _connector.Sent;
            if (sent.Any(a => (string?)a["type"] == "message" && ((string?)a["text"] ?? "").Contains(StreamingBotHostFixture.Answer, StringComparison.Ordinal)))
            {
                return sent;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("No answer was sent: " + string.Join("\n", _connector.Sent.Select(a => a.ToJsonString())));
    }

    private static JsonObject? StreamInfo(JsonObject activity) =>
        activity["entities"]?.AsArray().OfType<JsonObject>().FirstOrDefault(e => (string?)e["type"] == "streaminfo");

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));
        return await _client.SendAsync(request);
    }

    /// <summary>The recorded personal message, in a conversation of its own and of the given type.</summary>
    private JsonObject Message(string text, string conversationType)
    {
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", "message-personal.json");
        var activity = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        activity["serviceUrl"] = _connector.ServiceUrl;
        activity["id"] = $"f:{Guid.NewGuid()}";
        activity["text"] = text;
        activity["conversation"]!["id"] = $"a:{conversationType}-{Guid.NewGuid():N}";
        activity["conversation"]!["conversationType"] = conversationType;
        if (conversationType != "personal")
        {
            activity["conversation"]!["isGroup"] = true;
        }

        return activity;
    }
}
