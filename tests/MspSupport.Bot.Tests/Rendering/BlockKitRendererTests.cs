using System.Text.Json.Nodes;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Tests.Rendering;

/// <summary>Every card view model drawn as Block Kit, inside Block Kit's limits, with buttons that carry their verb back.</summary>
public sealed class BlockKitRendererTests
{
    private readonly BlockKitRenderer _renderer = new("https://portal.example-msp.com/tickets/{0}");

    public static TheoryData<string> Cards => [.. SampleCards.All.Keys];

    [Theory]
    [MemberData(nameof(Cards))]
    public void Every_card_stays_inside_Block_Kits_limits_and_its_buttons_decode_to_their_verbs(string name)
    {
        var card = SampleCards.All[name];
        var blocks = _renderer.Render(card);
        AssertWithinLimits(blocks);
        var buttons = Buttons(blocks).ToList();
        Assert.Equal(buttons.Count, buttons.Select(b => (string)b["action_id"]!).Distinct().Count());
        foreach (var button in buttons)
        {
            Assert.NotNull(BlockKitActionValue.Decode((string?)button["value"]));
        }
    }

    [Fact]
    public void An_answer_has_numbered_source_links_feedback_buttons_and_create_ticket()
    {
        var blocks = AllText(_renderer.Render(SampleCards.All["answer with citations"]));
        Assert.Contains("[1] <https://support.example-msp.com/kb/vpn-mtu|VPN drops: MTU and fragmentation › Steps>", blocks, StringComparison.Ordinal);
        Assert.Contains("[2] VPN will not connect [client]", blocks, StringComparison.Ordinal);
        var verbs = Buttons(_renderer.Render(SampleCards.All["answer with citations"])).Select(b => BlockKitActionValue.Decode((string?)b["value"])!.Verb).ToList();
        Assert.Equal([CardVerbs.Feedback, CardVerbs.Feedback, CardVerbs.TicketFromAnswer], verbs.Take(3));
    }

    [Fact]
    public void A_ticket_shows_its_facts_as_fields_and_its_role_buttons()
    {
        var blocks = _renderer.Render(SampleCards.All["ticket with notes"]);
        var fields = blocks.Select(b => b!["fields"]).OfType<JsonArray>().Single();
        Assert.Contains(fields, f => ((string)f!["text"]!).Contains("*Status*\nIn Progress", StringComparison.Ordinal));
        var buttons = Buttons(blocks).ToList();
        Assert.Equal("danger", (string?)buttons.Single(b => (string)b["text"]!["text"]! == "Close")["style"]);
        Assert.Equal(BlockKitRenderer.OpenNoteVerb, BlockKitActionValue.Decode((string?)buttons.Single(b => (string)b["text"]!["text"]! == "Add note")["value"])!.Verb);
        Assert.Contains("_internal_", AllText(blocks), StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversize_ticket_is_cut_with_a_more_link_instead_of_failing()
    {
        var big = (TicketCard)SampleCards.All["ticket with notes"] with
        {
            Description = new string('x', 9000),
            Title = new string('T', 200),
            Notes = [.. Enumerable.Range(0, 80).Select(i => new TicketNoteView("Bob", new string('n', 3500), DateTimeOffset.UnixEpoch, Internal: false))],
            Actions = [.. Enumerable.Range(0, 30).Select(i => new CardButton(new string('B', 120), CardVerbs.TicketShow, new Dictionary<string, string> { ["ticketId"] = $"T{i}", ["x"] = new string('v', 3000) }))],
        };
        var blocks = _renderer.Render(big);
        AssertWithinLimits(blocks);
        Assert.Contains("<https://portal.example-msp.com/tickets/TKT-1NGEC0X-XJTN0|more>", AllText(blocks), StringComparison.Ordinal);
        Assert.Equal(30, Buttons(blocks).Count());
    }

    [Fact]
    public void The_ticket_form_is_a_modal_with_limited_text_inputs_and_static_selects()
    {
        var form = (TicketFormCard)SampleCards.All["form, new, staff, with errors"];
        var view = BlockKitModals.TicketForm(form, "{}");
        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal(BlockKitModals.TicketFormCallback, (string?)view["callback_id"]);
        var elements = view["blocks"]!.AsArray().ToDictionary(b => (string)b!["block_id"]!, b => b!["element"]!);
        Assert.Equal(200, (int)elements["title"]["max_length"]!);
        Assert.Equal(3000, (int)elements["description"]["max_length"]!);
        Assert.Equal("static_select", (string?)elements["priority"]["type"]);
        Assert.Equal("static_select", (string?)elements["category"]["type"]);
        Assert.Contains("customerId", elements.Keys);

        var errors = BlockKitModals.Errors(form);
        Assert.Equal("errors", (string?)errors["response_action"]);
        Assert.Equal("A title is required.", (string?)errors["errors"]!["title"]);
        Assert.Equal("Say which customer.", (string?)errors["errors"]!["customerId"]);
    }

    [Fact]
    public void The_form_in_a_message_opens_the_same_form_as_a_modal()
    {
        var form = (TicketFormCard)SampleCards.All["form, edit"];
        var open = BlockKitActionValue.Decode((string?)Buttons(_renderer.Render(form)).Single()["value"])!;
        Assert.Equal(BlockKitRenderer.OpenFormVerb, open.Verb);
        var again = BlockKitModals.FormFromButton(open);
        Assert.Equal(form.TicketId, again.TicketId);
        Assert.Equal(form.Version, again.Version);
        Assert.Equal(form.Description, again.Description);
        Assert.Equal(CardVerbs.TicketUpdate, again.Actions[0].Verb);
        Assert.Equal("3", again.Actions[0].Data["version"]);
    }

    [Fact]
    public void Markdown_is_escaped_and_translated_to_mrkdwn()
    {
        Assert.Equal("*Bold* &lt;b&gt; &amp; <https://x.example/a|link>", SlackMarkdown.FromMarkdown("**Bold** <b> & [link](https://x.example/a)"));
    }

    private static string AllText(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(p => p.Key == "text" && p.Value is JsonValue v ? (string)v! : AllText(p.Value))),
        JsonArray a => string.Join("\n", a.Select(AllText)),
        _ => "",
    };

    private static IEnumerable<JsonObject> Buttons(JsonArray blocks) =>
        blocks.SelectMany(b => (b!["elements"]?.AsArray() ?? []).Append(b["accessory"])).OfType<JsonObject>().Where(e => (string?)e["type"] == "button");

    private static void AssertWithinLimits(JsonArray blocks)
    {
        Assert.InRange(blocks.Count, 1, BlockKitLimits.MessageBlocks);
        foreach (var block in blocks)
        {
            if (block!["text"]?["text"] is { } text)
            {
                Assert.InRange(((string)text!).Length, 1, BlockKitLimits.SectionText);
            }

            foreach (var field in block["fields"]?.AsArray() ?? [])
            {
                Assert.InRange(((string)field!["text"]!).Length, 1, BlockKitLimits.FieldText);
            }

            Assert.InRange(block["elements"]?.AsArray().Count ?? 0, 0, BlockKitLimits.ActionsElements);
        }

        foreach (var button in Buttons(blocks))
        {
            Assert.InRange(((string)button["text"]!["text"]!).Length, 1, BlockKitLimits.ButtonText);
            Assert.InRange(((string)button["value"]!).Length, 1, BlockKitLimits.ButtonValue);
            Assert.InRange(((string)button["action_id"]!).Length, 1, BlockKitLimits.ActionId);
        }
    }
}
