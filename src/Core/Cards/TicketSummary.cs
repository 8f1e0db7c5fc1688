namespace MspSupport.Core.Cards;

/// <summary>One row of a ticket list.</summary>
public sealed record TicketSummary(string TicketId, string Title, string Status, string Priority, DateTimeOffset UpdatedAt);
