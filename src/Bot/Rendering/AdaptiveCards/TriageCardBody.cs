using System.Globalization;
using System.Text.Json.Nodes;
using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;

namespace MspSupport.Bot.Rendering.AdaptiveCards;

/// <summary>
/// The body of a triage card as Adaptive Card elements: the facts technicians decide on, the recent notes, the
/// assistant's draft (editable), a failed delivery in red, and the boxes the buttons read (reply, internal note,
/// status, priority). No input is required, so that every button works with the boxes it needs and ignores the rest.
/// </summary>
internal static class TriageCardBody
{
    public static List<JsonNode> Render(TriageCard card)
    {
        var body = new List<JsonNode>();
        if (card.Headline is not null)
        {
            body.Add(Text(card.Headline, color: "Good", weight: "Bolder"));
        }

        body.Add(Text($"{card.TicketId}: {card.Title}", size: "Medium", weight: "Bolder"));
        body.Add(new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray(
                Fact("Customer", $"{card.Requester} ({card.CustomerId}, {card.CustomerChannel})"),
                Fact("Status", $"{card.Status} · {card.Priority}"),
                Fact("Answering now", card.Closed ? "nobody (closed)" : card.WithTechnician ? "a technician" : "the assistant"),
                Fact("Owner", card.Owner ?? "nobody yet"),
                Fact("Why", card.Reason),
                Fact("Review", card.Review ? "assistant drafts need approval" : "off")),
        });
        if (card.LastDeliveryError is not null)
        {
            body.Add(Text($"Last message to the customer failed: {card.LastDeliveryError}", color: "Attention", weight: "Bolder"));
        }

        foreach (var note in card.Notes)
        {
            var label = $"{note.Author}, {note.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}{(note.Internal ? " · internal" : "")}";
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["style"] = note.Internal ? "warning" : "default",
                ["items"] = new JsonArray(Text(label, isSubtle: true, size: "Small"), Text(note.Text)),
            });
        }

        if (card.DraftText is not null)
        {
            var draft = new JsonArray(Text("The assistant's draft (not sent yet)", weight: "Bolder"));
            foreach (var source in card.DraftCitations)
            {
                draft.Add(Text($"[{source.Number}] {source.Title}", size: "Small", isSubtle: true));
            }

            draft.Add(Input("draftText", "Edit before sending (or approve as it is)", card.DraftText, TicketRules.NoteMaxLength - 40));
            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["style"] = "emphasis", ["items"] = draft });
        }

        if (!card.Closed)
        {
            body.Add(Input("replyText", "Reply to the customer", "", TicketRules.NoteMaxLength - 40));
            body.Add(Input("noteText", "Internal note (technicians only)", "", TicketRules.NoteMaxLength - 40));
            body.Add(Choices("status", "New status", card.Statuses));
            body.Add(Choices("priority", "New priority", card.Priorities));
        }

        return body;
    }

    private static JsonObject Input(string id, string label, string value, int maxLength) => new()
    {
        ["type"] = "Input.Text",
        ["id"] = id,
        ["label"] = label,
        ["value"] = value,
        ["maxLength"] = maxLength,
        ["isMultiline"] = true,
    };

    private static JsonObject Choices(string id, string label, IReadOnlyList<string> options) => new()
    {
        ["type"] = "Input.ChoiceSet",
        ["id"] = id,
        ["label"] = label,
        ["style"] = "compact",
        ["placeholder"] = "(keep as it is)",
        ["choices"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["title"] = o, ["value"] = o })]),
    };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject Text(string text, string? size = null, string? weight = null, string? color = null, bool isSubtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }
}
