using System.Net;
using System.Text.Json.Nodes;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// The typing indicator: shown once a turn takes longer than <c>Teams:TypingDelay</c>, repeated while it goes on,
/// never after the answer; an instant answer comes without one.
/// </summary>
public sealed class TeamsTypingTests : IClassFixture<SlowModelBotHostFixture>
{
    private readonly BotConnectorStandIn _connector;
    private readonly HttpClient _client;

    public TeamsTypingTests(SlowModelBotHostFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _connector = fixture.Connector;
        _client = fixture.Client;
    }

    [Fact]
    public async Task A_slow_answer_is_preceded_by_repeated_typing_indicators_and_none_follows_it()
    {
        var conversation = $"a:group-{Guid.NewGuid():N}";

        var response = await PostAsync(Message("why does my laptop keep losing the office network every afternoon?", conversation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await SentToAsync(conversation, a => IsAnswer(a));
        var answerAt = sent.FindIndex(IsAnswer);
        var typing = sent.Select((a, i) => (a, i)).Where(x => (string?)x.a["type"] == "typing").Select(x => x.i).ToList();
        Assert.True(typing.Count >= 2, $"expected the indicator at 0.2 s and again after a second of a 2.5 s turn, got {typing.Count}");
        Assert.All(typing, i => Assert.True(i < answerAt, "a typing indicator came after the answer"));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a late indicator would be sent within one interval
        Assert.Equal(typing.Count, Sent(conversation).Count(a => (string?)a["type"] == "typing"));
    }

    [Fact]
    public async Task An_instant_answer_comes_without_a_typing_indicator()
    {
        var conversation = $"a:group-{Guid.NewGuid():N}";

        var response = await PostAsync(Message("help", conversation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await SentToAsync(conversation, a => a["attachments"] is not null);
        Assert.DoesNotContain(sent, a => (string?)a["type"] == "typing");
        await Task.Delay(TimeSpan.FromSeconds(0.5)); // past the 0.2 s delay: a stray indicator would be here by now
        Assert.DoesNotContain(Sent(conversation), a => (string?)a["type"] == "typing");
    }

    private static bool IsAnswer(JsonObject activity) =>
        (string?)activity["type"] == "message" && ((string?)activity["text"] ?? "").Contains(SlowModelBotHostFixture.Answer, StringComparison.Ordinal);

    private List<JsonObject> Sent(string conversation) => TeamsActivities.SentTo(_connector, conversation);

    private async Task<List<JsonObject>> SentToAsync(string conversation, Func<JsonObject, bool> until)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var sent = Sent(conversation);
            if (sent.Any(until))
            {
                return sent;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("Nothing expected was sent: " + string.Join("\n", Sent(conversation).Select(a => a.ToJsonString())));
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject activity) => TeamsActivities.PostAsync(_client, _connector, activity);

    private JsonObject Message(string text, string conversation) => TeamsActivities.Message(_connector, text, conversation);
}
