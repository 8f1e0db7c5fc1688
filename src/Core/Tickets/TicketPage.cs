namespace MspSupport.Core.Tickets;

public sealed record TicketPage(IReadOnlyList<Ticket> Items, TicketCursor? Next);
