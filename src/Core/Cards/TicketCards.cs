using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Cards;

/// <summary>Builds the ticket cards, offering each caller only the actions <see cref="TicketService"/> would allow them.</summary>
public static class TicketCards
{
    public static TicketCard Ticket(CallerIdentity caller, Ticket ticket, string? headline = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(ticket);
        var visible = TicketService.View(caller, ticket);
        return new TicketCard
        {
            TicketId = visible.TicketId,
            Title = visible.Title,
            Description = visible.Description,
            Status = visible.Status.Name(),
            Priority = visible.Priority.Name(),
            Category = visible.Category.Name(),
            CustomerId = visible.CustomerId,
            AssignedTo = visible.AssignedTo,
            CreatedBy = visible.CreatedBy,
            CreatedAt = visible.CreatedAt,
            UpdatedAt = visible.UpdatedAt,
            Version = visible.Version,
            Notes = visible.Notes.Select(n => new TicketNoteView(n.Author, n.Text, n.CreatedAt, n.Internal)).ToList(),
            Files = visible.Attachments.Select(a => new TicketFileView(a.AttachmentId, a.FileName, a.Size, a.AddedBy)).ToList(),
            Headline = headline,
            Actions = ActionsFor(caller, visible),
        };
    }

    public static TicketListCard List(string heading, TicketList list, int shown = 10)
    {
        ArgumentNullException.ThrowIfNull(list);
        var items = list.Items.Take(shown).ToList();
        return new TicketListCard
        {
            Heading = heading,
            Items = items.Select(t => new TicketSummary(t.TicketId, t.Title, t.Status.Name(), t.Priority.Name(), t.UpdatedAt)).ToList(),
            HasMore = list.Items.Count > shown || list.NextCursor is not null,
            Actions = items.Select(t => new CardButton($"Open {t.TicketId}", CardVerbs.TicketShow, For(t.TicketId))).ToList(),
        };
    }

    public static TicketFormCard NewForm(CallerIdentity caller, string title, string description, TicketPriority priority, TicketCategory category)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new TicketFormCard
        {
            Mode = TicketFormMode.New,
            Title = title,
            Description = description,
            Priority = priority.Name(),
            Category = category.Name(),
            AsksForCustomer = caller.IsStaff,
            Actions = [CardButton.Plain("Create ticket", CardVerbs.TicketCreate)],
        };
    }

    public static TicketFormCard EditForm(CallerIdentity caller, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new TicketFormCard
        {
            Mode = TicketFormMode.Edit,
            TicketId = ticket.TicketId,
            Version = ticket.Version,
            Title = ticket.Title,
            Description = ticket.Description,
            Priority = ticket.Priority.Name(),
            Category = ticket.Category.Name(),
            Actions = [new CardButton("Save changes", CardVerbs.TicketUpdate, For(ticket.TicketId))],
        };
    }

    /// <summary>The data a ticket button carries back.</summary>
    public static Dictionary<string, string> For(string ticketId, params (string Key, string Value)[] extra)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["ticketId"] = ticketId };
        foreach (var (key, value) in extra)
        {
            data[key] = value;
        }

        return data;
    }

    private static List<CardButton> ActionsFor(CallerIdentity caller, Ticket ticket)
    {
        var id = ticket.TicketId;
        var actions = new List<CardButton>();
        if (ticket.Status == TicketStatus.Closed)
        {
            actions.Add(new CardButton("Reopen", CardVerbs.TicketReopen, For(id)));
            return actions;
        }

        actions.Add(new CardButton("Add note", CardVerbs.TicketAddNote, For(id)));
        if (caller.IsStaff || ticket.Status == TicketStatus.Open)
        {
            actions.Add(new CardButton("Edit", CardVerbs.TicketEdit, For(id)));
        }

        if (caller.IsStaff)
        {
            foreach (var status in new[] { TicketStatus.InProgress, TicketStatus.Resolved }.Where(s => s != ticket.Status))
            {
                actions.Add(new CardButton($"Mark {status.Name()}", CardVerbs.TicketUpdate, For(id, ("status", status.Name()))));
            }

            if (!string.Equals(ticket.AssignedTo, caller.Name, StringComparison.Ordinal))
            {
                actions.Add(new CardButton("Assign to me", CardVerbs.TicketAssignToMe, For(id)));
            }
        }

        if (ticket.Status == TicketStatus.Resolved)
        {
            actions.Add(new CardButton("Reopen", CardVerbs.TicketReopen, For(id)));
        }

        actions.Add(new CardButton("Close", CardVerbs.TicketClose, For(id)));
        return actions;
    }
}
