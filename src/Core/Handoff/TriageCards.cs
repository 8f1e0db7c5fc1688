using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Handoff;

/// <summary>
/// Builds the triage card of a case. Every button carries a fresh <c>actionId</c>: a double click sends the same id
/// twice and the desk applies it once; the next card drawn has new ids.
/// </summary>
public static class TriageCards
{
    private const int ShownNotes = 6;

    /// <param name="staff">Teams users (AAD object ids) of the MSP's technicians and admins, from the identity directory.</param>
    public static TriageCard For(HandoffCase handoff, Ticket ticket, string? headline = null, IEnumerable<string>? staff = null)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        ArgumentNullException.ThrowIfNull(ticket);
        var nonce = Guid.NewGuid().ToString("N");
        var closed = handoff.Closed || ticket.Status == TicketStatus.Closed;
        return new TriageCard
        {
            TicketId = ticket.TicketId,
            Title = ticket.Title,
            CustomerId = ticket.CustomerId,
            Requester = handoff.RequesterName,
            CustomerChannel = handoff.Customer?.Channel ?? "unknown",
            Status = ticket.Status.Name(),
            Priority = ticket.Priority.Name(),
            Reason = handoff.Reason,
            WithTechnician = handoff.Mode == HandoffMode.Human,
            Owner = handoff.Owner ?? ticket.AssignedTo,
            Review = handoff.Review,
            Closed = closed,
            Notes = ticket.Notes.TakeLast(ShownNotes).Select(n => new TicketNoteView(n.Author, n.Text, n.CreatedAt, n.Internal)).ToList(),
            DraftId = handoff.Draft?.Id,
            DraftText = handoff.Draft?.Text,
            DraftCitations = handoff.Draft?.Citations ?? [],
            LastDeliveryError = handoff.LastDeliveryError,
            Headline = headline,
            Statuses = TicketNames.Statuses,
            Priorities = TicketNames.Priorities,
            Refresh = new CardButton("Refresh", CardVerbs.HandoffRefresh, TicketCards.For(ticket.TicketId)),
            RefreshUserIds = RefreshUsers(handoff, staff ?? []),
            Actions = closed ? [Button("Refresh", CardVerbs.HandoffRefresh, ticket.TicketId, nonce)] : Buttons(handoff, ticket.TicketId, nonce),
        };
    }

    /// <summary>Who acted on the card (most recent first), then the rest of the staff; each once, at most 60.</summary>
    public static IReadOnlyList<string> RefreshUsers(HandoffCase handoff, IEnumerable<string> staff)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        ArgumentNullException.ThrowIfNull(staff);
        return handoff.Technicians.Reverse()
            .Concat(staff)
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(HandoffCase.MaxRefreshUsers)
            .ToList();
    }

    private static List<CardButton> Buttons(HandoffCase handoff, string ticketId, string nonce)
    {
        var buttons = new List<CardButton>();
        if (handoff.Draft is { } draft)
        {
            buttons.Add(Button("Approve draft", CardVerbs.HandoffApprove, ticketId, nonce, ("draftId", draft.Id)));
            buttons.Add(Button("Send my edit", CardVerbs.HandoffEditApprove, ticketId, nonce, ("draftId", draft.Id)));
            buttons.Add(Button("Reject draft", CardVerbs.HandoffReject, ticketId, nonce, ("draftId", draft.Id)));
        }

        buttons.Add(Button("Assign to me", CardVerbs.HandoffAssign, ticketId, nonce));
        buttons.Add(Button("Reply to customer", CardVerbs.HandoffReply, ticketId, nonce));
        buttons.Add(Button("Add internal note", CardVerbs.HandoffNote, ticketId, nonce));
        buttons.Add(Button("Set status/priority", CardVerbs.HandoffUpdate, ticketId, nonce));
        if (handoff.Mode == HandoffMode.Human)
        {
            buttons.Add(Button("Hand back to assistant", CardVerbs.HandoffHandBack, ticketId, nonce));
        }

        buttons.Add(Button("Close ticket", CardVerbs.HandoffClose, ticketId, nonce));
        return buttons;
    }

    private static CardButton Button(string title, string verb, string ticketId, string nonce, params (string Key, string Value)[] extra) =>
        new(title, verb, TicketCards.For(ticketId, [("actionId", $"{nonce}:{verb}"), .. extra]));
}
