using System.Text.Json.Nodes;
using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Cards;
using MspSupport.Testing;

namespace MspSupport.Bot.Tests.Rendering;

public sealed class AdaptiveCardRendererTests
{
    [Fact]
    public async Task Every_card_parses_with_the_official_adaptivecards_library_without_a_warning()
    {
        var cards = new JsonArray();
        foreach (var universal in new[] { true, false })
        {
            var renderer = new AdaptiveCardRenderer(universal);
            foreach (var (name, card) in SampleCards.All)
            {
                cards.Add(new JsonObject { ["name"] = $"{name} ({(universal ? "Execute" : "Submit")})", ["card"] = renderer.Render(card) });
            }
        }

        var file = Path.Combine(Path.GetTempPath(), $"cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, cards.ToJsonString());
        try
        {
            var (exitCode, output) = await NodeScript.RunAsync("validate-adaptive-cards.mjs", file);

            Assert.True(exitCode == 0, output);
            Assert.Equal(cards.Count, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_ticket_form_has_checked_inputs_and_shows_field_errors_under_their_fields()
    {
        var card = new AdaptiveCardRenderer().Render(SampleCards.All["form, new, staff, with errors"]);
        var body = card["body"]!.AsArray();
        var title = Element(body, "title");
        var customer = Element(body, "customerId");

        Assert.Equal("Input.Text", (string)title["type"]!);
        Assert.True((bool)title["isRequired"]!);
        Assert.Equal(200, (int)title["maxLength"]!);
        Assert.NotNull(customer["regex"]);
        Assert.Equal("Input.ChoiceSet", (string)Element(body, "priority")["type"]!);
        Assert.Equal("A title is required.", (string)body[body.IndexOf(title) + 1]!["text"]!);
        Assert.Equal("Attention", (string)body[body.IndexOf(title) + 1]!["color"]!);
    }

    [Fact]
    public void Buttons_carry_their_verb_and_data_as_universal_actions()
    {
        var card = new AdaptiveCardRenderer().Render(SampleCards.All["confirmation"]);
        var confirm = card["actions"]![0]!;

        Assert.Equal("Action.Execute", (string)confirm["type"]!);
        Assert.Equal(CardVerbs.Confirm, (string)confirm["verb"]!);
        Assert.Equal("p-1", (string)confirm["data"]!["pendingId"]!);
        Assert.Equal(CardVerbs.Confirm, (string)confirm["data"]![AdaptiveCardRenderer.VerbField]!);
    }

    [Fact]
    public void Answers_number_their_sources_with_links_and_mark_excerpts()
    {
        var answer = Texts(new AdaptiveCardRenderer().Render(SampleCards.All["answer with citations"]));
        var excerpt = Texts(new AdaptiveCardRenderer().Render(SampleCards.All["excerpt answer"]));

        Assert.Contains("[1] [VPN drops: MTU and fragmentation › Steps](https://support.example-msp.com/kb/vpn-mtu)", answer);
        Assert.Contains("[2] VPN will not connect [client]", answer);
        Assert.Contains(excerpt, t => t.Contains("excerpts", StringComparison.Ordinal));
    }

    [Fact]
    public void Internal_notes_are_marked_as_such()
    {
        var body = new AdaptiveCardRenderer().Render(SampleCards.All["ticket with notes"])["body"]!.AsArray();
        var notes = body.Where(e => (string?)e!["type"] == "Container" && e["style"] is not null).ToList();

        Assert.Equal(2, notes.Count);
        Assert.Equal("warning", (string)notes[1]!["style"]!);
        Assert.EndsWith("internal", (string)notes[1]!["items"]![0]!["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_on_a_ticket_are_listed_with_their_size_and_sender()
    {
        var body = new AdaptiveCardRenderer().Render(SampleCards.All["ticket with notes"])["body"]!.AsArray();
        var files = body.Single(e => (string?)e!["items"]?[0]?["text"] == "Files (2)")!;

        Assert.Equal("- printer-error.png (47.1 KB, from Alice)\n- spooler.log (1 KB, from Bob)", (string)files["items"]![1]!["text"]!);
    }

    [Fact]
    public void A_triage_card_refreshes_by_itself_for_at_most_60_technicians_named_by_their_Teams_MRI()
    {
        var triage = (TriageCard)SampleCards.All["triage, with a draft and a failed delivery"];

        var userIds = new AdaptiveCardRenderer(universalActions: true).Render(triage)["refresh"]!["userIds"]!.AsArray().Select(u => (string)u!).ToList();
        var withoutIds = new AdaptiveCardRenderer(universalActions: true).Render(triage with { RefreshUserIds = [] })["refresh"]!.AsObject();

        Assert.Equal(61, triage.RefreshUserIds.Count);
        Assert.Equal(60, userIds.Count);
        Assert.Equal("8:orgid:00000000-0000-4000-8000-000000000000", userIds[0]);
        Assert.All(userIds, u => Assert.StartsWith("8:orgid:", u, StringComparison.Ordinal));
        Assert.False(withoutIds.ContainsKey("userIds"));
        Assert.Null(new AdaptiveCardRenderer(universalActions: false).Render(triage)["refresh"]);
    }

    private static List<string> Texts(JsonObject card) =>
        card["body"]!.AsArray().Where(e => (string?)e!["type"] == "TextBlock").Select(e => (string)e!["text"]!).ToList();

    private static JsonNode Element(JsonArray body, string id) => body.First(e => (string?)e!["id"] == id)!;
}
