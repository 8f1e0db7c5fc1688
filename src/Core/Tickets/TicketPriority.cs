namespace MspSupport.Core.Tickets;

public enum TicketPriority
{
    Low,
    Medium,
    High,
    Critical,
}
