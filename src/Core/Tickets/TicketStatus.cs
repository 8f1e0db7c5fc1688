namespace MspSupport.Core.Tickets;

/// <summary>Lifecycle of a ticket. Allowed moves are in <see cref="TicketRules.CanMove"/>.</summary>
public enum TicketStatus
{
    Open,
    InProgress,
    Resolved,
    Closed,
}
