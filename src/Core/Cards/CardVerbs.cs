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

    /// <summary>"I need a human" on an answer card: escalate to a technician.</summary>
    public const string Escalate = "escalate";

    /// <summary>Technicians' actions on a triage card; all start with <see cref="HandoffPrefix"/> and are checked by the handoff desk.</summary>
    public const string HandoffPrefix = "handoff.";
    public const string HandoffAssign = "handoff.assign";
    public const string HandoffReply = "handoff.reply";
    public const string HandoffNote = "handoff.note";
    public const string HandoffUpdate = "handoff.update";
    public const string HandoffHandBack = "handoff.handBack";
    public const string HandoffClose = "handoff.close";
    public const string HandoffApprove = "handoff.approve";
    public const string HandoffEditApprove = "handoff.editApprove";
    public const string HandoffReject = "handoff.reject";
    public const string HandoffRefresh = "handoff.refresh";
}
