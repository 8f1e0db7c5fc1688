using System.Globalization;
using System.Text.Json.Nodes;
using MspSupport.Bot.Tests.Channels.WebChat;
using Xunit.Abstractions;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// The faults suite, model half: the model stand-in stalls past the per-attempt timeout, or answers 5xx or 429, on the
/// first attempt and the retry. The customer gets the knowledge base's own answer (tier 0, extractive) with a notice
/// saying why, in the web chat; the next question in the same conversation is answered by the model again.
/// </summary>
[Collection(LoadAndFaults.Name)]
public sealed class ModelFaultTests(ModelFaultHost host, ITestOutputHelper output) : IClassFixture<ModelFaultHost>
{
    private const string Question = "How do I reset my password with self-service password reset?";
    private const string FollowUp = "And how do I do that on my phone when I am travelling?";

    [Theory]
    [InlineData("slow")]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("429")]
    public async Task A_slow_or_failing_model_gives_way_to_the_knowledge_base_with_a_notice_and_the_next_turn_works(string fault)
    {
        var attemptsBefore = host.Model.Outcomes.Count;
        if (fault == "slow")
        {
            host.Model.StallNext(2); // the attempt and its retry
        }
        else
        {
            host.Model.FailNext(int.Parse(fault, CultureInfo.InvariantCulture), 2);
        }

        var web = new DirectLineClient(host.Client);
        var (conversation, token, _) = await web.StartAsync($"web-model-{fault}");
        var asked = await web.PostMessageAsync(conversation, token, Question);

        // The answer comes from the knowledge base (tier 0, an excerpt with sources), after a notice that says why.
        var replies = await RepliesToAsync(web, conversation, token, asked, r => r.Any(IsAnswerCard));
        var notice = Assert.Single(replies, r => ((string?)r["text"] ?? "").Contains("The AI model", StringComparison.Ordinal));
        Assert.Contains(fault == "slow" ? "took too long" : "unavailable right now", (string)notice["text"]!, StringComparison.Ordinal);
        var degraded = replies.Last()["channelData"]!["mspDebug"]!;
        Assert.Equal(0, (int)degraded["tier"]!);
        Assert.True((int)degraded["requestedTier"]! >= 1, degraded.ToJsonString());
        Assert.DoesNotContain(replies, r => r.ToJsonString().Contains(ModelFaultHost.ModelAnswerMark, StringComparison.Ordinal));

        // The model was tried (attempt and retry), not skipped.
        Assert.Equal(Enumerable.Repeat(fault == "slow" ? "stalled" : fault, 2), host.Model.Outcomes.Skip(attemptsBefore).Take(2));

        // The conversation goes on: the next question is the model's again.
        var next = await web.PostMessageAsync(conversation, token, FollowUp);
        var answered = await RepliesToAsync(web, conversation, token, next, r => r.Any(a => ((string?)a["text"] ?? "").Contains(ModelFaultHost.ModelAnswerMark, StringComparison.Ordinal)));
        var route = answered.Last()["channelData"]!["mspDebug"]!;
        Assert.Equal(ModelFaultHost.ModelId, (string?)route["model"]);
        Assert.DoesNotContain(answered, r => ((string?)r["text"] ?? "").Contains("The AI model", StringComparison.Ordinal));

        output.WriteLine($"fault {fault}: model attempts {host.Model.Outcomes.Count - attemptsBefore} ({string.Join(", ", host.Model.Outcomes.Skip(attemptsBefore))}); degraded turn took {(double)degraded["latencyMs"]!:F0} ms on route '{(string?)degraded["route"]}'");
    }

    private static bool IsAnswerCard(JsonObject activity) =>
        activity["attachments"] is JsonArray { Count: > 0 } && activity.ToJsonString().Contains("Excerpt", StringComparison.OrdinalIgnoreCase);

    /// <summary>The bot's messages in reply to <paramref name="replyToId"/>, once they satisfy <paramref name="done"/>.</summary>
    private static Task<List<JsonObject>> RepliesToAsync(DirectLineClient web, string conversation, string token, string replyToId, Func<List<JsonObject>, bool> done) =>
        Eventually.FindAsync(
            async () =>
            {
                var replies = (await web.ActivitiesAsync(conversation, token))["activities"]!.AsArray().Select(a => a!.AsObject())
                    .Where(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot" && (string?)a["replyToId"] == replyToId).ToList();
                return done(replies) ? replies : null;
            },
            () => $"No complete reply to {replyToId} in web conversation {conversation}.");
}
