using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Bot.Tests.Channels.Slack;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// Customer A in Slack (contoso's workspace) names customer B's ticket in signed events and in forged button clicks
/// and modal submissions: every attempt is answered that there is no such ticket, nothing of B's is posted, and B's
/// ticket stays as it was. Slack work happens after the acknowledgement, so tests poll the stand-in's recordings.
/// </summary>
[Collection(IsolationHostGroup.Name)]
public sealed class SlackIsolationTests(IsolationHost host)
{
    private const string Contoso = SlackHostFactory.ContosoTeam;
    private const string Alice = "U0ALICE";

    [Theory]
    [InlineData("status of {0}")]
    [InlineData("{0}")]
    [InlineData("close {0}")]
    [InlineData("take {0}")]
    [InlineData("add a note to {0}: contoso was here")]
    public async Task A_direct_message_naming_another_customers_ticket_is_told_there_is_no_such_ticket(string message)
    {
        var channel = NewChannel('D');
        var text = string.Format(CultureInfo.InvariantCulture, message, host.BobsTicketId);

        var response = await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Message(Contoso, Alice, channel, "im", text)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertAnsweredNoSuchTicketAsync(channel);
    }

    [Fact]
    public async Task A_mention_naming_another_customers_ticket_is_told_there_is_no_such_ticket()
    {
        var channel = NewChannel('C');

        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, Alice, channel, $"status of {host.BobsTicketId}")));

        await AssertAnsweredNoSuchTicketAsync(channel);
    }

    [Theory]
    [InlineData(CardVerbs.TicketShow)]
    [InlineData(CardVerbs.TicketEdit)]
    [InlineData(CardVerbs.TicketClose)]
    [InlineData(CardVerbs.TicketReopen)]
    [InlineData(CardVerbs.TicketAssignToMe)]
    public async Task A_forged_button_click_carrying_another_customers_ticket_id_is_answered_no_such_ticket(string verb)
    {
        var channel = NewChannel('C');
        var button = new JsonObject
        {
            ["action_id"] = verb,
            ["value"] = BlockKitActionValue.Encode(verb, new Dictionary<string, string> { ["ticketId"] = host.BobsTicketId }),
        };

        var response = await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Click(Contoso, Alice, channel, SlackRequests.NextTs(), null, button)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertAnsweredNoSuchTicketAsync(channel);
    }

    [Fact]
    public async Task A_note_modal_forged_for_another_customers_ticket_adds_no_note_and_is_answered_no_such_ticket()
    {
        var channel = NewChannel('C');
        var before = host.Slack.Calls.Count;
        var openNote = new JsonObject
        {
            ["action_id"] = "open_note",
            ["value"] = BlockKitActionValue.Encode(BlockKitRenderer.OpenNoteVerb, new Dictionary<string, string> { ["ticketId"] = host.BobsTicketId }),
        };
        await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Click(Contoso, Alice, channel, SlackRequests.NextTs(), null, openNote)));
        var modal = (await host.Slack.WaitForAsync(c => c.Method == "views.open", before)).Arguments["view"]!.AsObject();
        IsolationHost.AssertNothingOfBobs(modal.ToJsonString());

        var submitted = await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Contoso, Alice, modal, new Dictionary<string, string> { ["note"] = "contoso was here" })));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        IsolationHost.AssertNothingOfBobs(await submitted.Content.ReadAsStringAsync());
        await AssertAnsweredNoSuchTicketAsync(channel);
    }

    /// <summary>
    /// Waits for the answer in <paramref name="channel"/> saying there is no such ticket (never silence), then checks
    /// everything posted there for B's data and B's ticket for changes.
    /// </summary>
    private async Task AssertAnsweredNoSuchTicketAsync(string channel)
    {
        await host.Slack.WaitForAsync(c => c.Arg("channel") == channel && c.Arguments.ToJsonString().Contains("no ticket", StringComparison.OrdinalIgnoreCase));

        var seen = string.Join("\n", host.Slack.Calls.Where(c => c.Arg("channel") == channel).Select(c => c.Arguments.ToJsonString()));
        IsolationHost.AssertToldNoSuchTicket(seen);
        IsolationHost.AssertNothingOfBobs(seen);
        await host.AssertBobsTicketUntouchedAsync();
    }

    private static string NewChannel(char kind) => kind + "0ISO" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
}
