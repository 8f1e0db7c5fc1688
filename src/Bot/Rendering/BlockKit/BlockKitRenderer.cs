using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Rendering.BlockKit;

/// <summary>
/// Draws the core's card view models as Slack Block Kit message blocks. Buttons carry the card's verb and data in
/// their value (<see cref="BlockKitActionValue"/>). A ticket form is drawn as a summary with a button that opens it as
/// a modal (<see cref="BlockKitModals"/>), because a message cannot hold a form Slack validates. Block Kit's limits are
/// kept by cutting text with a "more" link; a card never fails to render.
/// </summary>
public sealed class BlockKitRenderer(string? ticketUrlTemplate = null)
{
    /// <summary>The verb of the button that opens a ticket form as a modal; handled by the Slack channel, not the core.</summary>
    public const string OpenFormVerb = "slack.openForm";

    /// <summary>The verb of the "Add note" button's modal submit.</summary>
    public const string OpenNoteVerb = "slack.openNote";

    public JsonArray Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var blocks = card switch
        {
            TicketFormCard form => Form(form),
            TicketCard ticket => Ticket(ticket),
            TicketListCard list => List(list),
            AnswerCard answer => Answer(answer),
            ConfirmationCard confirmation => Confirmation(confirmation),
            WelcomeCard welcome => Welcome(welcome),
            _ => [Section(SlackMarkdown.Escape(card.ToPlainText()))],
        };
        return Limit(blocks, card);
    }

    /// <summary>The notification text and the accessible fallback of a message.</summary>
    public static string FallbackText(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return BlockKitLimits.Plain(card.ToPlainText(), BlockKitLimits.MessageText);
    }

    /// <summary>A link to a ticket in the MSP's portal, when one is configured.</summary>
    public string? TicketUrl(string ticketId) => ticketUrlTemplate is null ? null : string.Format(CultureInfo.InvariantCulture, ticketUrlTemplate, Uri.EscapeDataString(ticketId));

    private static List<JsonObject> Form(TicketFormCard form)
    {
        var head = form.Mode == TicketFormMode.New ? "*New ticket*" : $"*Edit {SlackMarkdown.Escape(form.TicketId ?? "ticket")}*";
        var text = new StringBuilder(head).Append('\n').Append(SlackMarkdown.Escape(form.Title.Length == 0 ? "(no title yet)" : form.Title))
            .Append(" · ").Append(SlackMarkdown.Escape(form.Priority)).Append(" · ").Append(SlackMarkdown.Escape(form.Category));
        foreach (var error in form.FieldErrors.SelectMany(e => e.Value))
        {
            text.Append("\n:warning: ").Append(SlackMarkdown.Escape(error));
        }

        var submit = form.Actions.Count > 0 ? form.Actions[0] : null;
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = form.Mode.ToString(),
            ["title"] = form.Title,
            ["priority"] = form.Priority,
            ["category"] = form.Category,
            ["asksForCustomer"] = form.AsksForCustomer ? "true" : "false",
            ["customerId"] = form.CustomerId,
            ["submitVerb"] = submit?.Verb ?? CardVerbs.TicketCreate,
            ["description"] = form.Description,
        };
        foreach (var (key, value) in submit?.Data ?? new Dictionary<string, string>())
        {
            data["submit." + key] = value;
        }

        if (form.TicketId is not null)
        {
            data["ticketId"] = form.TicketId;
        }

        if (form.Version is { } version)
        {
            data["version"] = version.ToString(CultureInfo.InvariantCulture);
        }

        var open = new CardButton(form.Mode == TicketFormMode.New ? "Open the ticket form" : "Open the edit form", OpenFormVerb, data);
        return [Section(BlockKitLimits.Truncate(text.ToString(), BlockKitLimits.SectionText)), Actions([open], primaryFirst: true)];
    }

    private List<JsonObject> Ticket(TicketCard ticket)
    {
        var more = TicketUrl(ticket.TicketId);
        var blocks = new List<JsonObject>();
        if (ticket.Headline is { Length: > 0 } headline)
        {
            blocks.Add(Section($"*{SlackMarkdown.Escape(headline)}*"));
        }

        var title = $"*{SlackMarkdown.Escape(ticket.TicketId)}: {SlackMarkdown.Escape(ticket.Title)}*";
        var description = ticket.Description.Length == 0 ? "" : "\n" + SlackMarkdown.Escape(ticket.Description);
        var section = Section(BlockKitLimits.Truncate(title + description, BlockKitLimits.SectionText, more));
        section["fields"] = new JsonArray(
            Field("Status", ticket.Status), Field("Priority", ticket.Priority), Field("Category", ticket.Category),
            Field("Customer", ticket.CustomerId), Field("Assigned to", ticket.AssignedTo ?? "nobody yet"), Field("Filed by", ticket.CreatedBy),
            Mrkdwn($"*Updated*\n{Date(ticket.UpdatedAt)}"));
        blocks.Add(section);

        const int shownNotes = 5;
        foreach (var note in ticket.Notes.TakeLast(shownNotes))
        {
            var label = $"{SlackMarkdown.Escape(note.Author)}, {Date(note.At)}{(note.Internal ? " · _internal_" : "")}";
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(label)) });
            blocks.Add(Section(BlockKitLimits.Truncate(SlackMarkdown.Escape(note.Text), BlockKitLimits.SectionText, more)));
        }

        if (ticket.Notes.Count > shownNotes)
        {
            var rest = $"{ticket.Notes.Count - shownNotes} earlier note(s) not shown" + (more is null ? "." : $": {SlackMarkdown.Link(more, "more")}");
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(rest)) });
        }

        var buttons = ticket.Actions.Select(b => b.Verb == CardVerbs.TicketAddNote ? b with { Verb = OpenNoteVerb } : b).ToList();
        if (buttons.Count > 0)
        {
            blocks.AddRange(ActionBlocks(buttons));
        }

        return blocks;
    }

    private static List<JsonObject> List(TicketListCard list)
    {
        var blocks = new List<JsonObject> { Section($"*{SlackMarkdown.Escape(list.Heading)}*") };
        if (list.Items.Count == 0)
        {
            blocks.Add(Section("No tickets."));
            return blocks;
        }

        foreach (var item in list.Items)
        {
            var row = Section($"*{SlackMarkdown.Escape(item.TicketId)}* {SlackMarkdown.Escape(BlockKitLimits.Plain(item.Title, 200))}\n{SlackMarkdown.Escape(item.Status)} · {SlackMarkdown.Escape(item.Priority)} · updated {Date(item.UpdatedAt)}");
            var open = list.Actions.FirstOrDefault(a => a.Data.TryGetValue("ticketId", out var id) && id == item.TicketId);
            if (open is not null)
            {
                row["accessory"] = Button(open, $"{open.Verb}:{item.TicketId}", primary: false);
            }

            blocks.Add(row);
        }

        if (list.HasMore)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn("More tickets match than are shown; narrow it down, e.g. “list my open tickets”.")) });
        }

        return blocks;
    }

    private static List<JsonObject> Answer(AnswerCard answer)
    {
        var firstLink = answer.Citations.Count > 0 ? answer.Citations[0].Link : null;
        var blocks = new List<JsonObject> { Section(BlockKitLimits.Truncate(SlackMarkdown.FromMarkdown(answer.Text), BlockKitLimits.SectionText, firstLink)) };
        if (answer.IsExcerpt)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn("Quoted from the knowledge base.")) });
        }

        if (answer.Citations.Count > 0)
        {
            var sources = new StringBuilder("*Sources*");
            foreach (var citation in answer.Citations)
            {
                var label = citation.Section.Length == 0 ? citation.Title : $"{citation.Title} › {citation.Section}";
                sources.Append('\n').Append(CultureInfo.InvariantCulture, $"[{citation.Number}] ").Append(SlackMarkdown.Link(citation.Link, label));
            }

            blocks.Add(Section(BlockKitLimits.Truncate(sources.ToString(), BlockKitLimits.SectionText)));
        }

        blocks.AddRange(ActionBlocks(answer.Actions));
        return blocks;
    }

    private static List<JsonObject> Confirmation(ConfirmationCard confirmation) =>
        [Section($"*{SlackMarkdown.Escape(confirmation.Question)}*"), .. ActionBlocks(confirmation.Actions, primaryFirst: true)];

    private static List<JsonObject> Welcome(WelcomeCard welcome)
    {
        var examples = string.Join("\n", welcome.Examples.Select(e => "• " + SlackMarkdown.Escape(e)));
        return [Section(SlackMarkdown.Escape(welcome.Greeting)), Section(BlockKitLimits.Truncate("*Try*\n" + examples, BlockKitLimits.SectionText)), .. ActionBlocks(welcome.Actions, primaryFirst: true)];
    }

    private JsonArray Limit(List<JsonObject> blocks, Card card)
    {
        if (blocks.Count <= BlockKitLimits.MessageBlocks)
        {
            return new JsonArray([.. blocks]);
        }

        // Keep the head of the card and its buttons; say that the middle was cut.
        var actions = blocks.Where(b => (string?)b["type"] == "actions").TakeLast(2).ToList();
        var room = BlockKitLimits.MessageBlocks - actions.Count - 1;
        var more = card is TicketCard ticket ? TicketUrl(ticket.TicketId) : null;
        var note = new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(more is null ? "Some of this was cut to fit Slack; ask for the rest." : $"Some of this was cut to fit Slack: {SlackMarkdown.Link(more, "more")}")) };
        return new JsonArray([.. blocks.Where(b => !actions.Contains(b)).Take(room), note, .. actions]);
    }

    private static IEnumerable<JsonObject> ActionBlocks(IReadOnlyList<CardButton> buttons, bool primaryFirst = false)
    {
        for (var start = 0; start < buttons.Count; start += BlockKitLimits.ActionsElements)
        {
            yield return Actions(buttons.Skip(start).Take(BlockKitLimits.ActionsElements).ToList(), primaryFirst && start == 0, start);
        }
    }

    private static JsonObject Actions(IReadOnlyList<CardButton> buttons, bool primaryFirst, int offset = 0) => new()
    {
        ["type"] = "actions",
        ["elements"] = new JsonArray([.. buttons.Select((b, i) => Button(b, $"{b.Verb}:{offset + i}", primaryFirst && i == 0))]),
    };

    private static JsonObject Button(CardButton button, string actionId, bool primary)
    {
        var element = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(BlockKitLimits.Plain(button.Title, BlockKitLimits.ButtonText)),
            ["action_id"] = BlockKitLimits.Plain(actionId, BlockKitLimits.ActionId),
            ["value"] = BlockKitActionValue.Encode(button.Verb, button.Data),
        };
        if (button.Verb is CardVerbs.TicketClose or CardVerbs.Cancel)
        {
            element["style"] = "danger";
        }
        else if (primary || button.Verb is CardVerbs.Confirm)
        {
            element["style"] = "primary";
        }

        return element;
    }

    internal static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    internal static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    internal static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Field(string label, string value) =>
        Mrkdwn(BlockKitLimits.Truncate($"*{label}*\n{SlackMarkdown.Escape(value)}", BlockKitLimits.FieldText));

    /// <summary>Slack shows the date in each reader's own time zone.</summary>
    private static string Date(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}^{{date_short_pretty}} {{time}}|{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}>";
}
