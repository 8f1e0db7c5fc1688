namespace MspSupport.Core.Tickets;

public enum TicketChangeKind
{
    Created,
    Updated,
    Deleted,
}
