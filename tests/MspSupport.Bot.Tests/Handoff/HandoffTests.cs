using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Core.Memory;
using MspSupport.Testing;
using static MspSupport.Bot.Tests.Handoff.HandoffTestClient;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>
/// Escalation and handoff through the real host: customers in the web chat (Direct Line) and Teams, the technician in
/// the Teams triage channel (Universal Actions invokes), everything Teams is sent recorded by the Bot Connector stand-in.
/// </summary>
public sealed class HandoffTests(HandoffFixture fixture) : IClassFixture<HandoffFixture>
{
    private const string PasswordQuestion = "How do I reset my password with self-service password reset?";

    private readonly HandoffTestClient _c = new(fixture.Client, fixture.Connector, fixture.Host.Services);

    [Fact]
    public async Task Web_customer_is_handed_to_a_technician_in_Teams_and_back_to_the_assistant()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-alice");

        // A question the knowledge base cannot answer: the assistant hands it over by itself.
        await _c.Web.PostMessageAsync(conversation, token, "qwxzv flurbo gronkle zzyzx");
        var told = await _c.WebReplyAsync(conversation, token, t => t.Contains("asked a technician", StringComparison.Ordinal));
        var ticketId = TicketIdIn((string)told["text"]!);

        // The triage card is a new post in the technicians' channel, with the reason; the ticket has the conversation as an internal note.
        var card = await _c.TriageCardAsync(ticketId);
        Assert.Contains(Texts(card), t => t.Contains("knowledge base has nothing relevant", StringComparison.Ordinal));
        Assert.Equal("handoff.refresh", (string)card["refresh"]!["action"]!["verb"]!);
        var escalationNote = (await ApiGetAsync(ticketId))["notes"]!.AsArray().Single(n => ((string)n!["text"]!).StartsWith("Escalated", StringComparison.Ordinal))!;
        Assert.True((bool)escalationNote["internal"]!);
        Assert.Contains("qwxzv flurbo", (string)escalationNote["text"]!, StringComparison.Ordinal);
        // No model here: the note holds the last messages, not a summary.
        Assert.Contains("Last messages:\n", (string)escalationNote["text"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary by the assistant", (string)escalationNote["text"]!, StringComparison.Ordinal);

        // The technician takes it and replies from the card; the reply reaches the web conversation, attributed.
        card = await _c.TechnicianInvokeAsync(card, "handoff.assign");
        Assert.Contains("Bob (MSP)", Texts(card));
        Assert.Equal("Bob (MSP)", (string)(await ApiGetAsync(ticketId))["assignedTo"]!);
        card = await _c.TechnicianInvokeAsync(card, "handoff.reply", new JsonObject { ["replyText"] = "Please restart the flurbo service; that clears it." });
        Assert.Contains(Texts(card), t => t.StartsWith("Reply sent", StringComparison.Ordinal));
        var reply = await _c.WebReplyAsync(conversation, token, t => t.Contains("restart the flurbo service", StringComparison.Ordinal));
        Assert.Contains("Bob (MSP) (technician)", (string)reply["text"]!, StringComparison.Ordinal);

        // The customer answers: it goes to the ticket's thread in Teams, and the assistant stays quiet.
        var answerId = await _c.Web.PostMessageAsync(conversation, token, "Restarted it, the flurbo is fine now");
        var relayed = await _c.TriageMessageAsync(t => t.Contains("the flurbo is fine now", StringComparison.Ordinal));
        Assert.EndsWith($"/activities/{(string)relayed["replyToId"]!}", Uri.UnescapeDataString((string)relayed["_path"]!), StringComparison.Ordinal);

        // Handed back: the customer is told, and the assistant answers again, with the technician's words in its memory.
        card = await _c.TechnicianInvokeAsync(card, "handoff.handBack");
        await _c.WebReplyAsync(conversation, token, t => t.Contains("back with the assistant", StringComparison.Ordinal));
        var questionId = await _c.Web.PostMessageAsync(conversation, token, PasswordQuestion);
        await WaitForWebAsync(conversation, token, a => (string?)a["replyToId"] == questionId && a["attachments"] is JsonArray { Count: > 0 });
        var memory = await fixture.Host.Services.GetRequiredService<IConversationStore>().GetAsync($"web:{conversation}", CancellationToken.None);
        Assert.Contains(memory!.Messages, m => m.Role == "technician" && m.Author == "Bob (MSP)" && m.Text.Contains("restart the flurbo service", StringComparison.Ordinal));

        // Closed from the card: the ticket is closed and the customer is told.
        card = await _c.TechnicianInvokeAsync(card, "handoff.close");
        Assert.Equal("Closed", (string)(await ApiGetAsync(ticketId))["status"]!);
        await _c.WebReplyAsync(conversation, token, t => t.Contains($"{ticketId} was closed", StringComparison.Ordinal));
        Assert.DoesNotContain(Actions(card), a => (string?)a["verb"] == "handoff.reply");

        // While the technician had it the assistant said nothing; and the customer never saw the triage card or an internal note.
        var seen = await _c.WebActivitiesAsync(conversation, token);
        Assert.DoesNotContain(seen, a => (string?)a["replyToId"] == answerId);
        var everything = string.Join("\n", seen.Select(a => a.ToJsonString()));
        Assert.DoesNotContain("Answering now", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Escalated to a technician", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_click_sends_one_reply_and_a_second_escalation_reuses_the_ticket()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-carol");
        await _c.Web.PostMessageAsync(conversation, token, "talk to a technician");
        var ticketId = TicketIdIn((string)(await _c.WebReplyAsync(conversation, token, t => t.Contains("asked a technician", StringComparison.Ordinal)))["text"]!);
        // While the technician has it, typed text goes to them; the "I need a human" button still answers.
        await _c.SubmitWebCardAsync(conversation, token, new JsonObject { ["verb"] = "escalate" });
        var again = await _c.WebReplyAsync(conversation, token, t => t.Contains("already has this conversation", StringComparison.Ordinal));
        Assert.Equal(ticketId, TicketIdIn((string)again["text"]!));
        Assert.Single(_c.TriageActivities(), a => ((string)a["_path"]!).StartsWith("POST", StringComparison.Ordinal) && a.ToJsonString().Contains(ticketId, StringComparison.Ordinal));

        var card = await _c.TriageCardAsync(ticketId);
        var inputs = new JsonObject { ["replyText"] = "Double-clicked reply 4417." };
        var first = await _c.TechnicianInvokeAsync(card, "handoff.reply", inputs);
        var second = await _c.TechnicianInvokeAsync(card, "handoff.reply", inputs);

        Assert.Contains(Texts(first), t => t.StartsWith("Reply sent", StringComparison.Ordinal));
        Assert.Contains(Texts(second), t => t.StartsWith("Already done", StringComparison.Ordinal));
        await _c.WebReplyAsync(conversation, token, t => t.Contains("reply 4417", StringComparison.Ordinal));
        Assert.Single(await _c.WebActivitiesAsync(conversation, token), a => ((string?)a["text"] ?? "").Contains("reply 4417", StringComparison.Ordinal));
        Assert.Single((await ApiGetAsync(ticketId))["notes"]!.AsArray(), n => ((string)n!["text"]!).Contains("reply 4417", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Review_customer_gets_only_the_answers_a_technician_approved_or_edited()
    {
        const string chat = "a:fabrikam-review-chat";
        const string customerAad = "c0c0c0c0-0000-4000-8000-00000000fab1";
        await _c.PostTeamsAsync(_c.TeamsMessage("talk to a technician", customerAad, HandoffHostFactory.FabrikamTenant, chat));
        var ticketId = TicketIdIn((string)(await SentToAsync(chat, t => t.Contains("asked a technician", StringComparison.Ordinal)))["text"]!);

        // The customer asks; the assistant drafts an answer for the technician instead of answering.
        await _c.PostTeamsAsync(_c.TeamsMessage(PasswordQuestion, customerAad, HandoffHostFactory.FabrikamTenant, chat));
        await _c.TriageMessageAsync(t => t.Contains("drafted an answer", StringComparison.Ordinal));
        var card = await _c.TriageCardAsync(ticketId, c => DraftId(c) is not null);
        Assert.DoesNotContain(_c.Connector.Sent, a => Sent(a, chat) && ((string?)a["text"] ?? "").Contains("Excerpt", StringComparison.Ordinal));

        // Approved as drafted: it reaches the customer with its sources.
        var handled = DraftId(card);
        card = await _c.TechnicianInvokeAsync(card, "handoff.approve");
        Assert.Contains(Texts(card), t => t.StartsWith("Sent to", StringComparison.Ordinal));
        var approved = await SentToAsync(chat, t => t.Contains("Excerpt", StringComparison.Ordinal));
        Assert.Contains("Sources:", (string)approved["text"]!, StringComparison.Ordinal);

        // Edited: the technician's text goes instead, attributed to them.
        await _c.PostTeamsAsync(_c.TeamsMessage("How do I reset my password on my phone?", customerAad, HandoffHostFactory.FabrikamTenant, chat));
        card = await _c.TriageCardAsync(ticketId, c => DraftId(c) is { } id && id != handled);
        handled = DraftId(card);
        await _c.TechnicianInvokeAsync(card, "handoff.editApprove", new JsonObject { ["draftText"] = "On the phone, open aka.ms/sspr in the browser (edited 5521)." });
        var edited = await SentToAsync(chat, t => t.Contains("edited 5521", StringComparison.Ordinal));
        Assert.Contains("Bob (MSP) (technician)", (string)edited["text"]!, StringComparison.Ordinal);

        // Rejected: nothing is sent.
        await _c.PostTeamsAsync(_c.TeamsMessage("How do I reset MFA on a new phone?", customerAad, HandoffHostFactory.FabrikamTenant, chat));
        card = await _c.TriageCardAsync(ticketId, c => DraftId(c) is { } id && id != handled);
        var before = _c.Connector.Sent.Count(a => Sent(a, chat));
        card = await _c.TechnicianInvokeAsync(card, "handoff.reject");
        Assert.Contains(Texts(card), t => t.StartsWith("Draft rejected", StringComparison.Ordinal));
        Assert.Equal(before, _c.Connector.Sent.Count(a => Sent(a, chat)));
    }

    private static string? DraftId(JsonObject card) =>
        (string?)Actions(card).FirstOrDefault(a => (string?)a["verb"] == "handoff.approve")?["data"]?["draftId"];

    [Fact]
    public async Task Customers_cannot_work_a_handoff_or_see_internal_notes()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-erin");
        await _c.Web.PostMessageAsync(conversation, token, "speak to a person please");
        var ticketId = TicketIdIn((string)(await _c.WebReplyAsync(conversation, token, t => t.Contains("asked a technician", StringComparison.Ordinal)))["text"]!);
        var card = await _c.TriageCardAsync(ticketId);
        await _c.TechnicianInvokeAsync(card, "handoff.note", new JsonObject { ["noteText"] = "Internal: customer 7731 is on the old VPN client." });

        // The web customer submits a technician's button by hand: refused, nothing happens.
        var forged = ActionData(card, "handoff.close");
        await _c.SubmitWebCardAsync(conversation, token, forged);
        await _c.WebReplyAsync(conversation, token, t => t.Contains("Only technicians", StringComparison.Ordinal));
        Assert.Equal("Open", (string)(await ApiGetAsync(ticketId))["status"]!);

        // A Teams customer of another company presses it from Teams: refused too.
        var answer = await _c.InvokeAsync(ActionData(card, "handoff.reply").Also("replyText", "sneaky 9901"), "c0c0c0c0-0000-4000-8000-00000000fab2", HandoffHostFactory.FabrikamTenant, "a:fabrikam-other");
        Assert.DoesNotContain("Answering now", answer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await ApiGetAsync(ticketId))["notes"]!.AsArray(), n => ((string)n!["text"]!).Contains("sneaky", StringComparison.Ordinal));

        // Back with the assistant, the customer's own view of the ticket has neither the internal note nor the transcript.
        await _c.TechnicianInvokeAsync(await _c.TriageCardAsync(ticketId), "handoff.handBack");
        await _c.WebReplyAsync(conversation, token, t => t.Contains("back with the assistant", StringComparison.Ordinal));
        var asked = await _c.Web.PostMessageAsync(conversation, token, $"status of {ticketId}");
        var shown = await WaitForWebAsync(conversation, token, a => (string?)a["replyToId"] == asked && a["attachments"] is JsonArray { Count: > 0 });
        // The note's own words: "7731" alone also turns up, by chance, in the timestamps and ids of any activity.
        Assert.DoesNotContain("customer 7731", shown.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Escalated to a technician", shown.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_cannot_be_delivered_is_retried_then_shown_on_the_card()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-frank");
        await _c.Web.PostMessageAsync(conversation, token, "I want to talk to a technician");
        var ticketId = TicketIdIn((string)(await _c.WebReplyAsync(conversation, token, t => t.Contains("asked a technician", StringComparison.Ordinal)))["text"]!);
        var card = await _c.TriageCardAsync(ticketId);

        // The host keeps three web conversations: three newer ones push this one out, so it can no longer be reached.
        for (var i = 0; i < 3; i++)
        {
            await _c.Web.StartAsync($"web-filler-{i}");
        }

        card = await _c.TechnicianInvokeAsync(card, "handoff.reply", new JsonObject { ["replyText"] = "Are you still there?" });

        Assert.Contains(Texts(card), t => t.StartsWith("The reply could not be delivered", StringComparison.Ordinal) && t.Contains("tried 2 times", StringComparison.Ordinal));
        Assert.Contains(Texts(card), t => t.StartsWith("Last message to the customer failed", StringComparison.Ordinal));
        var updated = await _c.TriageCardAsync(ticketId, c => Texts(c).Any(t => t.StartsWith("Last message to the customer failed", StringComparison.Ordinal)));
        Assert.NotNull(updated);
        Assert.DoesNotContain((await ApiGetAsync(ticketId))["notes"]!.AsArray(), n => ((string)n!["text"]!).Contains("still there", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Three_not_helpful_answers_hand_the_conversation_to_a_technician_with_that_reason_on_the_ticket()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-gina");
        for (var press = 1; press <= 3; press++)
        {
            // Each question is answered by the assistant: after one or two presses it still has the conversation.
            var asked = await _c.Web.PostMessageAsync(conversation, token, PasswordQuestion);
            await WaitForWebAsync(conversation, token, a => (string?)a["replyToId"] == asked && a["attachments"] is JsonArray { Count: > 0 });
            await _c.SubmitWebCardAsync(conversation, token, new JsonObject { ["verb"] = "feedback", ["helpful"] = "no" });
            await WaitForCountAsync(conversation, token, "Thanks for the feedback", press);
        }

        var told = await _c.WebReplyAsync(conversation, token, t => t.Contains("asked a technician", StringComparison.Ordinal));
        var ticketId = TicketIdIn((string)told["text"]!);
        var note = (string)(await ApiGetAsync(ticketId))["notes"]!.AsArray().Single(n => ((string)n!["text"]!).StartsWith("Escalated", StringComparison.Ordinal))!["text"]!;
        Assert.StartsWith("Escalated to a technician. Reason: 3 answers in a row were marked not helpful", note, StringComparison.Ordinal);
        Assert.Contains(Texts(await _c.TriageCardAsync(ticketId)), t => t.Contains("3 answers in a row were marked not helpful", StringComparison.Ordinal));
        Assert.Single(await _c.WebActivitiesAsync(conversation, token), a => ((string?)a["text"] ?? "").Contains("asked a technician", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_triage_card_refreshes_by_itself_for_the_MSPs_Teams_staff_those_who_worked_it_first()
    {
        var (conversation, token, _) = await _c.Web.StartAsync("web-hank");
        await _c.Web.PostMessageAsync(conversation, token, "talk to a technician");
        var ticketId = TicketIdIn((string)(await _c.WebReplyAsync(conversation, token, t => t.Contains("asked a technician", StringComparison.Ordinal)))["text"]!);
        var posted = await _c.TriageCardAsync(ticketId);

        // Carol (not Bob) works the card: she comes first on the card she gets back and on the one every viewer gets.
        var answered = await _c.TechnicianInvokeAsync(posted, "handoff.note", new JsonObject { ["noteText"] = "Carol had a look (5512)." }, fromAad: HandoffHostFactory.CarolAadId);
        var updated = await _c.TriageCardAsync(ticketId, c => Texts(c).Contains("Internal note added."));

        // Configured Teams technicians and admins only: not the Teams customer user, not the Slack technician.
        string[] staff = [Mri(BotHostFactory.TechnicianAadId), Mri(HandoffHostFactory.CarolAadId), Mri(HandoffHostFactory.AdminAadId)];
        string[] carolFirst = [Mri(HandoffHostFactory.CarolAadId), Mri(BotHostFactory.TechnicianAadId), Mri(HandoffHostFactory.AdminAadId)];
        Assert.Equal(staff, RefreshUserIds(posted));
        Assert.Equal(carolFirst, RefreshUserIds(answered));
        Assert.Equal(carolFirst, RefreshUserIds(updated));
        Assert.Equal("handoff.refresh", (string)updated["refresh"]!["action"]!["verb"]!);

        var cards = new JsonArray([.. new[] { posted, answered, updated }.Select((c, i) => (JsonNode)new JsonObject { ["name"] = $"triage card {i}", ["card"] = c.DeepClone() })]);
        var file = Path.Combine(Path.GetTempPath(), $"triage-cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, cards.ToJsonString());
        try
        {
            var (exitCode, output) = await NodeScript.RunAsync("validate-adaptive-cards.mjs", file);
            Assert.True(exitCode == 0, output);
            Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Mri(string aadObjectId) => "8:orgid:" + aadObjectId;

    private static List<string> RefreshUserIds(JsonObject card) =>
        [.. (card["refresh"]?["userIds"]?.AsArray() ?? []).Select(u => (string)u!)];

    private async Task WaitForCountAsync(string conversation, string token, string text, int count)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if ((await _c.WebActivitiesAsync(conversation, token)).Count(a => ((string?)a["text"] ?? "").Contains(text, StringComparison.Ordinal)) >= count)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException($"\"{text}\" did not arrive {count} times in the web conversation.");
    }

    private static bool Sent(JsonObject activity, string conversation) =>
        Uri.UnescapeDataString((string)activity["_path"]!).Contains($"/conversations/{conversation}/", StringComparison.Ordinal);

    private async Task<JsonObject> SentToAsync(string conversation, Func<string, bool> match)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_c.Connector.Sent.FirstOrDefault(a => Sent(a, conversation) && match((string?)a["text"] ?? "")) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException("Nothing matching was sent to " + conversation);
    }

    private async Task<JsonObject> WaitForWebAsync(string conversation, string token, Func<JsonObject, bool> match)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if ((await _c.WebActivitiesAsync(conversation, token)).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException("Nothing matching arrived in the web conversation.");
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
