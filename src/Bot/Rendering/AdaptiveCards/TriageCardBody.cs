using System.Text.Json.Nodes;
using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;

using static MspSupport.Bot.Rendering.AdaptiveCards.AdaptiveCardElements;

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
            var label = $"{note.Author}, {When(note.At)}{(note.Internal ? " · internal" : "")}";
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

            draft.Add(TextInput("draftText", "Edit before sending (or approve as it is)", card.DraftText, TicketRules.NoteMaxLength - 40, required: false, multiline: true));
            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["style"] = "emphasis", ["items"] = draft });
        }

        if (!card.Closed)
        {
            body.Add(TextInput("replyText", "Reply to the customer", "", TicketRules.NoteMaxLength - 40, required: false, multiline: true));
            body.Add(TextInput("noteText", "Internal note (technicians only)", "", TicketRules.NoteMaxLength - 40, required: false, multiline: true));
            body.Add(Choices("status", "New status", null, card.Statuses, placeholder: "(keep as it is)"));
            body.Add(Choices("priority", "New priority", null, card.Priorities, placeholder: "(keep as it is)"));
        }

        return body;
    }
}
