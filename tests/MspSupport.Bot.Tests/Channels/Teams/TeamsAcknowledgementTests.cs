using System.Net;
using System.Text.Json.Nodes;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// Messages are acknowledged before they are handled (the channel gives a bot 15 seconds), each conversation's in
/// the order they came, and a host that stops finishes what it acknowledged.
/// </summary>
public sealed class TeamsAcknowledgementTests
{
    private const string Question = "why does my laptop keep losing the office network every afternoon?";

    [Fact]
    public async Task A_message_is_acknowledged_before_its_slow_answer_and_the_answer_still_comes()
    {
        await using var fixture = await StartAsync();
        var conversation = $"a:ack-{Guid.NewGuid():N}";

        var response = await PostAsync(fixture, Message(fixture.Connector, Question, conversation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Sent(fixture.Connector, conversation), IsAnswer); // the model is still thinking
        await fixture.Factory.Services.WaitForTeamsTurnsAsync();
        Assert.Single(Sent(fixture.Connector, conversation), IsAnswer);
    }

    [Fact]
    public async Task Messages_of_one_conversation_are_answered_in_the_order_they_came()
    {
        await using var fixture = await StartAsync();
        var conversation = $"a:order-{Guid.NewGuid():N}";

        await PostAsync(fixture, Message(fixture.Connector, Question, conversation)); // slow: a model answer
        await PostAsync(fixture, Message(fixture.Connector, "help", conversation));   // instant: the help card
        await fixture.Factory.Services.WaitForTeamsTurnsAsync();

        var sent = Sent(fixture.Connector, conversation).Where(a => (string?)a["type"] == "message").ToList();
        var answer = sent.FindIndex(IsAnswer);
        var help = sent.FindIndex(a => a["attachments"]?[0]?["content"]?.ToJsonString().Contains("New ticket", StringComparison.Ordinal) == true);
        Assert.True(answer >= 0 && help >= 0, "both messages were answered");
        Assert.True(answer < help, "the second message was answered before the first");
    }

    [Fact]
    public async Task A_host_that_stops_finishes_the_messages_it_acknowledged()
    {
        var fixture = await StartAsync();
        var conversation = $"a:drain-{Guid.NewGuid():N}";
        await PostAsync(fixture, Message(fixture.Connector, Question, conversation));
        Assert.DoesNotContain(Sent(fixture.Connector, conversation), IsAnswer);

        await fixture.Factory.DisposeAsync(); // stops the host while the model is still thinking

        Assert.Single(Sent(fixture.Connector, conversation), IsAnswer);
        fixture.Client.Dispose();
        await fixture.Connector.DisposeAsync();
    }

    private static async Task<Running> StartAsync()
    {
        var slow = new SlowModelBotHostFixture();
        await slow.InitializeAsync();
        return new Running(slow);
    }

    private static bool IsAnswer(JsonObject activity) =>
        (string?)activity["type"] == "message" && ((string?)activity["text"] ?? "").Contains(SlowModelBotHostFixture.Answer, StringComparison.Ordinal);

    private static List<JsonObject> Sent(BotConnectorStandIn connector, string conversation) => TeamsActivities.SentTo(connector, conversation);

    private static Task<HttpResponseMessage> PostAsync(Running fixture, JsonObject activity) => TeamsActivities.PostAsync(fixture.Client, fixture.Connector, activity);

    private static JsonObject Message(BotConnectorStandIn connector, string text, string conversation) => TeamsActivities.Message(connector, text, conversation);

    private sealed class Running(SlowModelBotHostFixture fixture) : IAsyncDisposable
    {
        public BotConnectorStandIn Connector => fixture.Connector;

        internal BotHostFactory Factory => fixture.Factory;

        public HttpClient Client => fixture.Client;

        public async ValueTask DisposeAsync() => await fixture.DisposeAsync();
    }
}
