namespace MspSupport.Core.Tickets;

/// <summary>A page request for tickets; every filter is optional and they combine with AND.</summary>
public sealed record TicketQuery
{
    public string? CustomerId { get; init; }
    public TicketStatus? Status { get; init; }
    public TicketPriority? Priority { get; init; }
    public TicketCategory? Category { get; init; }
    public int Limit { get; init; } = 25;

    /// <summary>Where the previous page stopped, as the store returned it; null for the first page.</summary>
    public TicketCursor? After { get; init; }
}
