using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>A whole conversation in Slack through the real bot host, as the issue describes it.</summary>
public sealed partial class SlackConversationTests(SlackHost host) : IClassFixture<SlackHost>
{
    private const string Contoso = SlackHostFactory.ContosoTeam;

    [Fact]
    public async Task Mention_answer_with_sources_then_ticket_from_the_modal_then_a_technicians_update_in_the_thread()
    {
        var slack = host.Slack;

        // A mention: the answer comes in the thread, with numbered sources and feedback buttons.
        var mention = SlackRequests.Mention(Contoso, "U0ALICE", "C0CONV", "how do I reset my password?");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(mention))).StatusCode);
        var answer = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0CONV" && c.Arguments["blocks"] is not null);
        Assert.Equal((string)mention["event"]!["ts"]!, answer.Arg("thread_ts"));
        var answerText = Text(answer.Arguments["blocks"]);
        Assert.True(Regex.IsMatch(answerText, @"\[1\] <https?://[^|]+\|"), string.Join("\n", slack.Calls.Select(c => c.Method + " " + c.Arguments.ToJsonString())));
        var verbs = answer.Arguments["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? []).Select(e => MspSupport.Bot.Rendering.BlockKit.BlockKitActionValue.Decode((string?)e!["value"])?.Verb).ToList();
        Assert.Contains("feedback", verbs);
        Assert.Contains("answer.toTicket", verbs);

        // /ticket new opens the modal.
        var before = slack.Calls.Count;
        var command = await host.Client.SendAsync(SlackRequests.Command(Contoso, "U0ALICE", "C0CONV", "new"));
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        var opened = (await slack.WaitForAsync(c => c.Method == "views.open", before)).Arguments["view"]!.AsObject();
        Assert.Equal("ticket_form", (string?)opened["callback_id"]);

        // Submitted without a title: the error goes back to the modal, and nothing is filed.
        var invalid = await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Contoso, "U0ALICE", opened, new Dictionary<string, string> { ["title"] = "", ["priority"] = "High", ["category"] = "Hardware" })));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)errors["response_action"]);
        Assert.Contains("title", (string)errors["errors"]!["title"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CountTicketsAsync("contoso"));

        // Fixed and submitted again: the modal closes and the ticket card is posted in the channel.
        before = slack.Calls.Count;
        var valid = await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Contoso, "U0ALICE", opened, new Dictionary<string, string> { ["title"] = "Printer on floor 2 is offline", ["description"] = "Since Monday", ["priority"] = "High", ["category"] = "Hardware" })));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("", await valid.Content.ReadAsStringAsync());
        var ticketMessage = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0CONV" && TicketId().IsMatch(c.Arg("text") ?? ""), before);
        var ticketId = TicketId().Match(ticketMessage.Arg("text")!).Value;
        Assert.Equal(1, await CountTicketsAsync("contoso"));
        var stored = await ApiAsync(HttpMethod.Get, $"/tickets/{ticketId}", null);
        Assert.Equal("slack", (string?)stored["source"]);
        Assert.Equal("High", (string?)stored["priority"]);

        // The bot notes the ticket message as the ticket's thread once Slack has answered the post; the stand-in records
        // the call before it answers, so a technician as quick as this test would otherwise be told the channel instead.
        var references = host.Factory.Services.GetRequiredService<IConversationReferenceStore>();
        await Eventually.FindAsync(async () => await references.GetAsync(ticketId, CancellationToken.None) is { ThreadId: not null } attached ? attached : null,
            () => $"The ticket message was never noted as {ticketId}'s thread.");

        // A technician adds a note through the ticket API: the requester hears about it in the ticket message's thread.
        before = slack.Calls.Count;
        await ApiAsync(HttpMethod.Patch, $"/tickets/{ticketId}", new JsonObject { ["addNote"] = new JsonObject { ["text"] = "Ordered a new fuser.", ["internal"] = false } });
        var notice = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0CONV" && c.Arg("thread_ts") == (string?)ticketMessage.Answer["ts"], before);
        Assert.Contains("<@U0ALICE>", Text(notice.Arguments["blocks"]), StringComparison.Ordinal);
        Assert.Contains("Ordered a new fuser.", Text(notice.Arguments["blocks"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_another_workspace_cannot_see_the_first_workspaces_ticket()
    {
        var slack = host.Slack;
        var before = slack.Calls.Count;
        await host.Client.SendAsync(SlackRequests.Command(Contoso, "U0CAROL", "C0SECRET", "new"));
        var opened = (await slack.WaitForAsync(c => c.Method == "views.open", before)).Arguments["view"]!.AsObject();
        await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Contoso, "U0CAROL", opened, new Dictionary<string, string> { ["title"] = "Contoso payroll secret", ["priority"] = "Low", ["category"] = "General" })));
        var filed = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0SECRET" && TicketId().IsMatch(c.Arg("text") ?? ""), before);
        var ticketId = TicketId().Match(filed.Arg("text")!).Value;

        // Fabrikam's user asks by DM, by command and by clicking the ticket's own button.
        before = slack.Calls.Count;
        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Message(SlackHostFactory.FabrikamTeam, "U0MALLORY", "D0MALLORY", "im", $"status of {ticketId}")));
        var dm = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "D0MALLORY", before);
        var byCommand = await host.Client.SendAsync(SlackRequests.Command(SlackHostFactory.FabrikamTeam, "U0MALLORY", "C0FAB", $"status {ticketId}"));
        var commandAnswer = await byCommand.Content.ReadAsStringAsync();
        var show = filed.Arguments["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? []).First(e => ((string?)e!["value"])?.Contains("ticket.close", StringComparison.Ordinal) == true)!.AsObject();
        await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Click(SlackHostFactory.FabrikamTeam, "U0MALLORY", "C0FAB", "1800000000.000001", null, show)));
        var click = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0FAB", before);

        foreach (var answer in new[] { dm.Arguments.ToJsonString(), commandAnswer, click.Arguments.ToJsonString() })
        {
            Assert.DoesNotContain("payroll", answer, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("Open", (string?)(await ApiAsync(HttpMethod.Get, $"/tickets/{ticketId}", null))["status"]);
    }

    private async Task<int> CountTicketsAsync(string customer) =>
        (await ApiAsync(HttpMethod.Get, $"/tickets?customerId={customer}&limit=100", null))["items"]!.AsArray().Count(t => (string?)t!["source"] == "slack" && !((string?)t["title"])!.Contains("payroll", StringComparison.Ordinal));

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

    private static string Text(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(p => p.Key == "text" && p.Value is JsonValue v ? (string)v! : Text(p.Value))),
        JsonArray a => string.Join("\n", a.Select(Text)),
        _ => "",
    };

    [GeneratedRegex("TKT-[0-9A-Z]{7}-[0-9A-Z]{5}")]
    private static partial Regex TicketId();
}
