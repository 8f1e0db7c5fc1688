namespace MspSupport.Core.Cards;

public enum TicketFormMode
{
    New,
    Edit,
}
