using System.Net;
using System.Text.Json.Nodes;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Bot.Rendering.BlockKit;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary><c>/slack/interactions</c> and <c>/slack/commands</c> of the real bot host.</summary>
public sealed class SlackInteractionsTests(SlackHost host) : IClassFixture<SlackHost>
{
    private const string Contoso = SlackHostFactory.ContosoTeam;

    [Fact]
    public async Task Unknown_subcommands_get_the_usage_text_and_help_gets_the_welcome_card()
    {
        var unknown = JsonNode.Parse(await (await host.Client.SendAsync(SlackRequests.Command(Contoso, "U0ALICE", "C0CMD", "frobnicate"))).Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)unknown["response_type"]);
        Assert.Equal(SlackCommands.Usage, (string?)unknown["text"]);

        var help = JsonNode.Parse(await (await host.Client.SendAsync(SlackRequests.Command(Contoso, "U0ALICE", "C0CMD", "help"))).Content.ReadAsStringAsync())!;
        Assert.Contains("support assistant", (string?)help["text"], StringComparison.Ordinal);
        Assert.NotEmpty(help["blocks"]!.AsArray());
    }

    [Fact]
    public async Task List_answers_privately_with_the_callers_tickets()
    {
        var list = JsonNode.Parse(await (await host.Client.SendAsync(SlackRequests.Command(Contoso, "U0ALICE", "C0CMD", "list"))).Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)list["response_type"]);
        Assert.Contains("ticket", (string?)list["text"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signed_but_malformed_interactions_and_commands_get_400()
    {
        var noPayload = await host.Client.SendAsync(SlackRequests.Form(SlackEndpoints.Interactions, [new("nothing", "here")]));
        var badJson = await host.Client.SendAsync(SlackRequests.Form(SlackEndpoints.Interactions, [new("payload", "{not json")]));
        var otherCommand = await host.Client.SendAsync(SlackRequests.Form(SlackEndpoints.Commands, [new("command", "/deploy"), new("team_id", Contoso)]));
        Assert.Equal(HttpStatusCode.BadRequest, noPayload.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherCommand.StatusCode);
        var forged = SlackRequests.Signed(SlackEndpoints.Commands, "command=%2Fticket&text=list", "application/x-www-form-urlencoded", secret: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task The_message_shortcut_opens_the_form_filled_from_the_message()
    {
        var before = host.Slack.Calls.Count;
        var payload = SlackRequests.Shape("MessageShortcutPayload");
        payload["type"] = "message_action";
        payload["callback_id"] = SlackInteractions.CreateTicketFromMessageShortcut;
        payload["trigger_id"] = "trigger.shortcut";
        payload["team"] = new JsonObject { ["id"] = Contoso, ["domain"] = "contoso" };
        payload["user"] = new JsonObject { ["id"] = "U0ALICE", ["name"] = "alice" };
        payload["channel"] = new JsonObject { ["id"] = "C0SHORT", ["name"] = "it" };
        payload["message_ts"] = "1800000000.000100";
        payload["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1800000000.000100", ["text"] = "The VPN keeps dropping every 10 minutes &amp; Teams calls cut out", ["user"] = "U0BOB" };
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Interaction(payload))).StatusCode);

        var view = (await host.Slack.WaitForAsync(c => c.Method == "views.open" && c.Arg("trigger_id") == "trigger.shortcut", before)).Arguments["view"]!;
        var description = view["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "description")!["element"]!["initial_value"];
        Assert.Equal("The VPN keeps dropping every 10 minutes & Teams calls cut out", (string?)description);
        Assert.Equal("C0SHORT", (string?)SlackModalMetadata.Decode((string?)view["private_metadata"])!.Channel);
    }

    [Fact]
    public async Task The_global_shortcut_opens_an_empty_form_answered_in_the_users_DM()
    {
        var before = host.Slack.Calls.Count;
        var payload = new JsonObject
        {
            ["type"] = "shortcut",
            ["callback_id"] = SlackInteractions.CreateTicketShortcut,
            ["trigger_id"] = "trigger.global",
            ["team"] = new JsonObject { ["id"] = Contoso },
            ["user"] = new JsonObject { ["id"] = "U0ALICE", ["team_id"] = Contoso },
        };
        await host.Client.SendAsync(SlackRequests.Interaction(payload));
        var opened = (await host.Slack.WaitForAsync(c => c.Method == "views.open" && c.Arg("trigger_id") == "trigger.global", before)).Arguments["view"]!.AsObject();
        Assert.Null(SlackModalMetadata.Decode((string?)opened["private_metadata"])!.Channel);

        await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Contoso, "U0ALICE", opened, new Dictionary<string, string> { ["title"] = "Need a new monitor", ["priority"] = "Low", ["category"] = "Hardware" })));
        var posted = await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "U0ALICE" && c.Arguments["blocks"] is not null, before);
        Assert.Contains("Need a new monitor", posted.Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_note_opens_a_note_modal_and_its_submission_adds_the_note()
    {
        var before = host.Slack.Calls.Count;
        await host.Client.SendAsync(SlackRequests.Command(Contoso, "U0DAVE", "C0NOTE", "new printer jam"));
        var form = (await host.Slack.WaitForAsync(c => c.Method == "views.open", before)).Arguments["view"]!.AsObject();
        await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Contoso, "U0DAVE", form, new Dictionary<string, string> { ["title"] = "Printer jam", ["priority"] = "Low", ["category"] = "Hardware" })));
        var ticket = await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0NOTE" && c.Arguments["blocks"] is not null, before);
        var addNote = ticket.Arguments["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? [])
            .First(e => BlockKitActionValue.Decode((string?)e!["value"])?.Verb == BlockKitRenderer.OpenNoteVerb)!.AsObject();

        before = host.Slack.Calls.Count;
        await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Click(Contoso, "U0DAVE", "C0NOTE", (string)ticket.Answer["ts"]!, null, addNote)));
        var noteView = (await host.Slack.WaitForAsync(c => c.Method == "views.open", before)).Arguments["view"]!.AsObject();
        Assert.Equal(BlockKitModals.NoteCallback, (string?)noteView["callback_id"]);

        await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Contoso, "U0DAVE", noteView, new Dictionary<string, string> { ["note"] = "Tray 2 is empty too." })));
        var updated = await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0NOTE" && (c.Arguments["blocks"]?.ToJsonString() ?? "").Contains("Tray 2 is empty too.", StringComparison.Ordinal), before);
        Assert.Equal((string?)ticket.Answer["ts"], updated.Arg("thread_ts"));
    }
}
