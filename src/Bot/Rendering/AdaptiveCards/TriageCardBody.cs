using System.Text.Json.Nodes;
using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;

using static MspSupport.Bot.Rendering.AdaptiveCards.AdaptiveCardElements;

namespace MspSupport.Bot.Rendering.AdaptiveCards;

/// <summary>
/// The body of a triage card as Adaptive Card elements: the facts technicians decide on, the recent notes, the
/// assistant's draft (editable), a failed delivery in red, and the boxes the buttons read (reply, internal note,
/// status, priority). No input is required, so that every button works with the boxes it needs and ignores the rest.
/// The buttons that read a box sit under it (an ActionSet each); the card's own row keeps the rest (assign, hand back,
/// close), so no row has more buttons than hosts show (the adaptivecards library's default and Teams allow 5 and 6).
/// </summary>
internal static class TriageCardBody
{
    private static readonly string[] DraftVerbs = [CardVerbs.HandoffApprove, CardVerbs.HandoffEditApprove, CardVerbs.HandoffReject];

    /// <summary>The verbs whose buttons are drawn in the body, next to the box they read.</summary>
    public static bool InBody(string verb) =>
        DraftVerbs.Contains(verb) || verb is CardVerbs.HandoffReply or CardVerbs.HandoffNote or CardVerbs.HandoffUpdate;

    public static List<JsonNode> Render(TriageCard card, Func<CardButton, JsonNode> action)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(action);
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
            foreach (var review in Buttons(card, action, DraftVerbs))
            {
                draft.Add(review);
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["style"] = "emphasis", ["items"] = draft });
        }

        if (!card.Closed)
        {
            body.Add(TextInput("replyText", "Reply to the customer", "", TicketRules.NoteMaxLength - 40, required: false, multiline: true));
            body.AddRange(Buttons(card, action, CardVerbs.HandoffReply));
            body.Add(TextInput("noteText", "Internal note (technicians only)", "", TicketRules.NoteMaxLength - 40, required: false, multiline: true));
            body.AddRange(Buttons(card, action, CardVerbs.HandoffNote));
            body.Add(Choices("status", "New status", null, card.Statuses, placeholder: "(keep as it is)"));
            body.Add(Choices("priority", "New priority", null, card.Priorities, placeholder: "(keep as it is)"));
            body.AddRange(Buttons(card, action, CardVerbs.HandoffUpdate));
        }

        return body;
    }

    /// <summary>An ActionSet of the card's buttons with these verbs; none when the card has none of them.</summary>
    private static JsonObject[] Buttons(TriageCard card, Func<CardButton, JsonNode> action, params string[] verbs)
    {
        var buttons = card.Actions.Where(b => verbs.Contains(b.Verb)).Select(action).ToArray();
        return buttons.Length == 0 ? [] : [new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(buttons) }];
    }
}
