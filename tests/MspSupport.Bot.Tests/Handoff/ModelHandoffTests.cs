using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Handoff;
using MspSupport.Core.Memory;
using MspSupport.Testing.Fakes;
using static MspSupport.Bot.Tests.Handoff.HandoffTestClient;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>
/// Escalation when a model answers (tiers 1 and 2 on an OpenAI-compatible stand-in, through the real host): the
/// knowledge the model's search found decides a handover as the extractive answer's does, and the escalation note is
/// the model's summary of the conversation.
/// </summary>
public sealed class ModelHandoffTests(ModelHandoffFixture fixture) : IClassFixture<ModelHandoffFixture>
{
    private const string PasswordQuestion = "How do I reset my password with self-service password reset?";

    private readonly HandoffTestClient _c = new(fixture.Client, fixture.Connector);

    [Fact]
    public async Task A_question_the_models_search_finds_nothing_for_is_handed_over_with_the_reason_on_the_ticket()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-model-ivan");

        await _c.Web.PostMessageAsync(conversation, token, "qwxzv blorpt gronkle zzyzx");

        var told = await _c.WebReplyAsync(conversation, token, t => t.Contains("asked a technician", StringComparison.Ordinal));
        var ticketId = TicketIdIn((string)told["text"]!);
        var note = EscalationNote(await ApiGetAsync(ticketId));
        Assert.StartsWith("Escalated to a technician. Reason: the knowledge base has nothing relevant", note, StringComparison.Ordinal);
        Assert.Contains(Texts(await _c.TriageCardAsync(ticketId)), t => t.Contains("knowledge base has nothing relevant", StringComparison.Ordinal));
        // The model did answer, after searching for the question and getting no passage back.
        await _c.WebReplyAsync(conversation, token, t => t.Contains(ModelHandoffFixture.Answer, StringComparison.Ordinal));
        Assert.Contains(fixture.Model.Requests, r => r.Body.Contains("qwxzv blorpt", StringComparison.Ordinal) && r.Body.Contains("\\\"passages\\\":[]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_question_the_models_search_finds_knowledge_for_is_answered_and_not_handed_over()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-model-judy");

        await _c.Web.PostMessageAsync(conversation, token, PasswordQuestion);

        await _c.WebReplyAsync(conversation, token, t => t.Contains(ModelHandoffFixture.Answer, StringComparison.Ordinal));
        // The turn is over once its answer is in the conversation's memory; a handover would have happened before that.
        await TurnSavedAsync($"web:{conversation}", ModelHandoffFixture.Answer);
        Assert.Null(await fixture.Host.Services.GetRequiredService<IHandoffStore>().FindByConversationAsync($"web:{conversation}", CancellationToken.None));
        Assert.DoesNotContain(await _c.WebActivitiesAsync(conversation, token), a => ((string?)a["text"] ?? "").Contains("asked a technician", StringComparison.Ordinal));
        Assert.Contains(fixture.Model.Requests, r => r.Body.Contains("self-service password reset", StringComparison.Ordinal) && r.Body.Contains("\\\"passages\\\":[{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_escalation_note_is_the_models_summary_of_the_conversation()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-model-kim");
        await _c.Web.PostMessageAsync(conversation, token, PasswordQuestion);
        await _c.WebReplyAsync(conversation, token, t => t.Contains(ModelHandoffFixture.Answer, StringComparison.Ordinal));
        await TurnSavedAsync($"web:{conversation}", ModelHandoffFixture.Answer);

        await _c.Web.PostMessageAsync(conversation, token, "talk to a technician");

        var ticketId = TicketIdIn((string)(await _c.WebReplyAsync(conversation, token, t => t.Contains("asked a technician", StringComparison.Ordinal)))["text"]!);
        var note = EscalationNote(await ApiGetAsync(ticketId));
        Assert.Contains($"Summary by the assistant:\n{ModelHandoffFixture.Summary}", note, StringComparison.Ordinal);
        // The model was asked to summarize this conversation: the customer's question and the assistant's answer.
        var request = Assert.Single(fixture.Model.Requests, r => SupportModelStandIn.IsSummaryRequest(r) && r.Body.Contains("talk to a technician", StringComparison.Ordinal) &&
                                                                  SupportModelStandIn.Conversation(r).Contains(PasswordQuestion, StringComparison.Ordinal));
        Assert.Contains(ModelHandoffFixture.Answer, SupportModelStandIn.Conversation(request), StringComparison.Ordinal);
    }

    private static string EscalationNote(JsonObject ticket) =>
        (string)ticket["notes"]!.AsArray().Single(n => ((string)n!["text"]!).StartsWith("Escalated", StringComparison.Ordinal))!["text"]!;

    private async Task TurnSavedAsync(string conversationId, string said)
    {
        var store = fixture.Host.Services.GetRequiredService<IConversationStore>();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if ((await store.GetAsync(conversationId, CancellationToken.None))?.Messages.Any(m => m.Role == "assistant" && m.Text.Contains(said, StringComparison.Ordinal)) == true)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException($"The turn in {conversationId} was never saved.");
    }

    private async Task<JsonObject> ApiGetAsync(string ticketId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tickets/{ticketId}");
        request.Headers.Add("x-api-key", HandoffHostFactory.TechKey);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
