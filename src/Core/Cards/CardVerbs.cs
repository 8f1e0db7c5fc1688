namespace MspSupport.Core.Cards;

/// <summary>The verbs the agent understands on a <see cref="CardAction"/>.</summary>
public static class CardVerbs
{
    public const string TicketCreate = "ticket.create";
    public const string TicketUpdate = "ticket.update";
    public const string TicketEdit = "ticket.edit";
    public const string TicketShow = "ticket.show";
    public const string TicketClose = "ticket.close";
    public const string TicketReopen = "ticket.reopen";
    public const string TicketAddNote = "ticket.note";
    public const string TicketAssignToMe = "ticket.assignToMe";
    public const string TicketFromAnswer = "answer.toTicket";
    public const string Feedback = "feedback";
    public const string Confirm = "confirm";
    public const string Cancel = "cancel";
    public const string Help = "help";
}
