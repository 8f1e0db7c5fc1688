namespace MspSupport.Core.Tickets;

public enum TicketCategory
{
    Network,
    Hardware,
    Software,
    Security,
    General,
}
