using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Bot.Tests.Channels.Slack;
using MspSupport.Core.Memory;
using MspSupport.Testing.Fakes;
using static MspSupport.Bot.Tests.Handoff.HandoffTestClient;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>
/// The main run: a customer asks in Slack, the technician answers from Teams. Slack through its Web API
/// stand-in, Teams through the Bot Connector stand-in, both against one real bot host.
/// </summary>
public sealed class SlackHandoffTests : IAsyncLifetime
{
    private const string Team = SlackHostFactory.ContosoTeam;
    private const string Dm = "D0ALICEDM";

    private readonly BotConnectorStandIn _teams = new();
    private SlackApiStandIn _slack = null!;
    private SlackHostFactory _host = null!;
    private HttpClient _client = null!;
    private HandoffTestClient _c = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _host = new SlackHostFactory(_slack, teams: _teams);
        _client = _host.CreateClient();
        _c = new HandoffTestClient(_client, _teams, _host.Services);
        await _host.WaitForKnowledgeAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
    }

    [Fact]
    public async Task Slack_customer_escalates_the_technician_answers_from_Teams_hands_back_and_closes()
    {
        // A question the knowledge base cannot answer, in a DM: the assistant hands it to a technician and says so.
        await SayAsync("qwxzv flurbo gronkle zzyzx");
        var told = await PostedAsync(t => t.Contains("asked a technician", StringComparison.Ordinal));
        var ticketId = TicketIdIn(told);

        // The ticket's card is posted in the Teams triage channel; the technician assigns it and replies from the card.
        var card = await _c.TriageCardAsync(ticketId);
        card = await _c.TechnicianInvokeAsync(card, "handoff.assign");
        card = await _c.TechnicianInvokeAsync(card, "handoff.reply", new JsonObject { ["replyText"] = "Please restart the flurbo service; that clears it." });
        Assert.Contains(Texts(card), t => t.StartsWith("Reply sent", StringComparison.Ordinal));

        // The reply lands in the customer's Slack conversation, attributed to the technician.
        var reply = await PostedAsync(t => t.Contains("restart the flurbo service", StringComparison.Ordinal));
        Assert.Contains("Bob (MSP)", reply, StringComparison.Ordinal);

        // The customer answers in Slack: the technician sees it in the ticket's Teams thread, and the assistant stays quiet.
        var before = _slack.CallsOf("chat.postMessage").Count;
        await SayAsync("Restarted it, the flurbo is fine now");
        await _c.TriageMessageAsync(t => t.Contains("the flurbo is fine now", StringComparison.Ordinal));
        Assert.Equal(before, _slack.CallsOf("chat.postMessage").Count);

        // Handed back: the customer is told, the assistant answers again and knows what the technician said.
        await _c.TechnicianInvokeAsync(card, "handoff.handBack");
        await PostedAsync(t => t.Contains("back with the assistant", StringComparison.Ordinal));
        before = _slack.CallsOf("chat.postMessage").Count;
        await SayAsync("How do I reset my password with self-service password reset?");
        await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm && c.Arguments["blocks"] is not null, before);
        var memory = await _host.Services.GetRequiredService<IConversationStore>().GetAsync($"slack:{Team}:{Dm}:-", CancellationToken.None);
        Assert.Contains(memory!.Messages, m => m.Role == "technician" && m.Text.Contains("restart the flurbo service", StringComparison.Ordinal));

        // Closed from the card: the ticket is closed and the customer is told in Slack.
        await _c.TechnicianInvokeAsync(card, "handoff.close");
        await PostedAsync(t => t.Contains($"{ticketId} was closed", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tickets/{ticketId}");
        request.Headers.Add("x-api-key", SlackHostFactory.TechKey);
        var stored = JsonNode.Parse(await (await _client.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal("Closed", (string)stored["status"]!);

        // The technician's reply and the close were told once, in the conversation, not again as "Update on …" cards.
        var updates = _slack.CallsOf("chat.postMessage").Select(c => c.Arg("text") ?? "").Where(t => t.Contains("Update on", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(updates, t => t.Contains("note was added", StringComparison.Ordinal) || t.Contains("Closed", StringComparison.Ordinal));

        // Nothing posted to the customer's Slack ever carried the internal escalation note.
        Assert.DoesNotContain(_slack.CallsOf("chat.postMessage"), c => c.Arguments.ToJsonString().Contains("Escalated", StringComparison.Ordinal));
    }

    private async Task SayAsync(string text)
    {
        var response = await _client.SendAsync(SlackRequests.Event(SlackRequests.Message(Team, "U0ALICE", Dm, "im", text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The text (and blocks) of the first chat.postMessage to the customer's DM that matches.</summary>
    private async Task<string> PostedAsync(Func<string, bool> match)
    {
        var call = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm && match(c.Arguments.ToJsonString()));
        return call.Arguments.ToJsonString();
    }
}
