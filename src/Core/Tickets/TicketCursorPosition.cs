namespace MspSupport.Core.Tickets;

/// <summary>The sort key of the last ticket a page returned.</summary>
public sealed record TicketCursorPosition(DateTimeOffset CreatedAt, string TicketId)
{
    public static TicketCursorPosition Of(Ticket ticket) => new(ticket.CreatedAt, ticket.TicketId);
}
