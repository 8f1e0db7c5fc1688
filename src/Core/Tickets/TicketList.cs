namespace MspSupport.Core.Tickets;

/// <summary>One page of tickets as the caller may see them, and the opaque cursor of the next page (null on the last).</summary>
public sealed record TicketList(IReadOnlyList<Ticket> Items, string? NextCursor);
