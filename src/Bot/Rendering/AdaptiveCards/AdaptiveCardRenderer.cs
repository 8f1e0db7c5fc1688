using System.Globalization;
using System.Text.Json.Nodes;
using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;
using MspSupport.Core.Tickets.Attachments;

using static MspSupport.Bot.Rendering.AdaptiveCards.AdaptiveCardElements;

namespace MspSupport.Bot.Rendering.AdaptiveCards;

/// <summary>
/// Draws the core's card view models as Adaptive Cards 1.5 (Teams and the web chat). Buttons become
/// <c>Action.Execute</c> (Universal Actions: Teams answers with an <c>adaptiveCard/action</c> invoke) or, for clients
/// without Universal Actions, <c>Action.Submit</c>; either way the data carries the verb and the button's values,
/// and form inputs are merged in by the client.
/// </summary>
public sealed class AdaptiveCardRenderer(bool universalActions = true)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string VerbField = "verb";
    public const string TeamsUserMriPrefix = "8:orgid:";
    public const int MaxRefreshUserIds = 60;

    public JsonObject Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var body = card switch
        {
            TicketFormCard form => Form(form),
            TicketCard ticket => Ticket(ticket),
            TicketListCard list => List(list),
            AnswerCard answer => Answer(answer),
            ConfirmationCard confirmation => [Text(confirmation.Question, weight: "Bolder")],
            WelcomeCard welcome => Welcome(welcome),
            TriageCard triage => TriageCardBody.Render(triage, Action),
            _ => [Text(card.ToPlainText())],
        };

        var result = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = new JsonArray([.. body]),
        };
        var actions = card is TriageCard ? card.Actions.Where(b => !TriageCardBody.InBody(b.Verb)).ToList() : card.Actions;
        if (actions.Count > 0)
        {
            result["actions"] = new JsonArray([.. actions.Select(Action)]);
        }

        if (universalActions && card is TriageCard { Refresh: { } refresh } triageCard)
        {
            result["refresh"] = Refresh(Action(refresh), triageCard.RefreshUserIds);
        }

        return result;
    }

    /// <summary>
    /// The refresh clause: every viewer gets the current state. In channels and group chats Teams refreshes by itself
    /// only for the users named in <c>userIds</c> (user MRIs, at most 60); with none known it is left out, and Teams
    /// then refreshes for everyone in a conversation of up to 60 members (an empty list would turn that off).
    /// </summary>
    private static JsonObject Refresh(JsonNode action, IReadOnlyList<string> userIds)
    {
        var refresh = new JsonObject { ["action"] = action };
        if (userIds.Count > 0)
        {
            refresh["userIds"] = new JsonArray([.. userIds.Take(MaxRefreshUserIds).Select(id => (JsonNode)TeamsUserMri(id))]);
        }

        return refresh;
    }

    /// <summary>A Teams user's MRI from their AAD object id (<c>8:orgid:{id}</c>); an id that already is an MRI stays as it is.</summary>
    public static string TeamsUserMri(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return userId.Contains(':', StringComparison.Ordinal) ? userId : TeamsUserMriPrefix + userId;
    }

    private JsonNode Action(CardButton button)
    {
        var data = new JsonObject { [VerbField] = button.Verb };
        foreach (var (key, value) in button.Data)
        {
            data[key] = value;
        }

        return universalActions
            ? new JsonObject { ["type"] = "Action.Execute", ["title"] = button.Title, ["verb"] = button.Verb, ["data"] = data }
            : new JsonObject { ["type"] = "Action.Submit", ["title"] = button.Title, ["data"] = data };
    }

    private static List<JsonNode> Form(TicketFormCard form)
    {
        var heading = form.Mode == TicketFormMode.New ? "New ticket" : $"Edit {form.TicketId}";
        var body = new List<JsonNode> { Text(heading, size: "Medium", weight: "Bolder") };
        if (form.FieldErrors.Count > 0)
        {
            body.Add(Text("Please fix the fields marked below.", color: "Attention"));
        }

        body.Add(TextInput("title", "Title", form.Title, TicketRules.TitleMaxLength, required: true, multiline: false));
        body.AddRange(Errors(form, "title"));
        body.Add(TextInput("description", "Description", form.Description, TicketRules.DescriptionMaxLength, required: false, multiline: true));
        body.AddRange(Errors(form, "description"));
        body.Add(Choices("priority", "Priority", form.Priority, form.Priorities));
        body.AddRange(Errors(form, "priority"));
        body.Add(Choices("category", "Category", form.Category, form.Categories));
        body.AddRange(Errors(form, "category"));
        if (form.AsksForCustomer)
        {
            var customer = TextInput("customerId", "Customer id", form.CustomerId, 64, required: true, multiline: false);
            customer["regex"] = "^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$";
            customer["errorMessage"] = "Letters, digits, '.', '_' or '-' (2 to 64), starting with a letter or digit.";
            body.Add(customer);
            body.AddRange(Errors(form, "customerId"));
        }

        return body;
    }

    private static List<JsonNode> Ticket(TicketCard ticket)
    {
        var body = new List<JsonNode>();
        if (ticket.Headline is not null)
        {
            body.Add(Text(ticket.Headline, color: "Good", weight: "Bolder"));
        }

        body.Add(Text($"{ticket.TicketId}: {ticket.Title}", size: "Medium", weight: "Bolder"));
        body.Add(new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray(
                Fact("Status", ticket.Status),
                Fact("Priority", ticket.Priority),
                Fact("Category", ticket.Category),
                Fact("Customer", ticket.CustomerId),
                Fact("Assigned to", ticket.AssignedTo ?? "nobody yet"),
                Fact("Filed by", ticket.CreatedBy),
                Fact("Updated", When(ticket.UpdatedAt))),
        });
        if (!string.IsNullOrWhiteSpace(ticket.Description))
        {
            body.Add(Text(ticket.Description));
        }

        if (ticket.Files.Count > 0)
        {
            var files = string.Join("\n", ticket.Files.Select(f => $"- {f.FileName} ({AttachmentRules.Size(f.Size)}, from {f.AddedBy})"));
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JsonArray(Text($"Files ({ticket.Files.Count})", weight: "Bolder", size: "Small"), Text(files)),
            });
        }

        foreach (var note in ticket.Notes)
        {
            var label = note.Internal ? $"{note.Author}, {When(note.At)} · internal" : $"{note.Author}, {When(note.At)}";
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["style"] = note.Internal ? "warning" : "default",
                ["items"] = new JsonArray(Text(label, isSubtle: true, size: "Small"), Text(note.Text)),
            });
        }

        return body;
    }

    private List<JsonNode> List(TicketListCard list)
    {
        var body = new List<JsonNode> { Text(list.Heading, size: "Medium", weight: "Bolder") };
        if (list.Items.Count == 0)
        {
            body.Add(Text("No tickets to show."));
        }

        foreach (var item in list.Items)
        {
            body.Add(new JsonObject
            {
                ["type"] = "ColumnSet",
                ["separator"] = true,
                ["selectAction"] = Action(new CardButton("Open", CardVerbs.TicketShow, new Dictionary<string, string> { ["ticketId"] = item.TicketId })),
                ["columns"] = new JsonArray(
                    new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray(Text($"{item.TicketId}: {item.Title}", weight: "Bolder")) },
                    new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray(Text($"{item.Status} · {item.Priority}", isSubtle: true)) }),
            });
        }

        if (list.HasMore)
        {
            body.Add(Text("More tickets match; narrow the list (for example \"my open tickets\").", isSubtle: true));
        }

        return body;
    }

    private static List<JsonNode> Answer(AnswerCard answer)
    {
        var body = new List<JsonNode>();
        if (answer.IsExcerpt)
        {
            body.Add(Text("From the knowledge base (excerpts, no AI summary):", isSubtle: true, size: "Small"));
        }

        body.Add(Text(answer.Text));
        if (answer.Citations.Count > 0)
        {
            body.Add(Text("Sources", weight: "Bolder", size: "Small"));
            foreach (var source in answer.Citations)
            {
                var where = string.IsNullOrWhiteSpace(source.Section) ? source.Title : $"{source.Title} › {source.Section}";
                var line = string.IsNullOrWhiteSpace(source.Link) ? $"[{source.Number}] {where}" : $"[{source.Number}] [{Escape(where)}]({source.Link})";
                body.Add(Text(line, size: "Small", spacing: "None"));
            }
        }

        return body;
    }

    private static List<JsonNode> Welcome(WelcomeCard welcome)
    {
        var body = new List<JsonNode> { Text(welcome.Greeting, size: "Medium", weight: "Bolder") };
        if (welcome.Examples.Count > 0)
        {
            body.Add(Text("Try for example:", isSubtle: true));
            body.AddRange(welcome.Examples.Select(e => Text($"- {e}", spacing: "None")));
        }

        return body;
    }

    private static IEnumerable<JsonNode> Errors(TicketFormCard form, string field) =>
        form.FieldErrors.TryGetValue(field, out var messages)
            ? messages.Select(m => Text(m, color: "Attention", size: "Small", spacing: "None"))
            : [];

    private static string Escape(string markdown) => markdown.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);
}
