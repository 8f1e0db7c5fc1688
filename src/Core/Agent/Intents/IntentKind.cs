namespace MspSupport.Core.Agent.Intents;

/// <summary>What a message asks for, when tier 0 can tell without a model.</summary>
public enum IntentKind
{
    Greeting,
    Help,
    CreateTicket,
    TicketStatus,
    ListTickets,
    CloseTicket,
    ReopenTicket,
    SetPriority,
    AddNote,
    AssignToMe,

    /// <summary>"what about the other one?": the ticket mentioned before the last one.</summary>
    OtherTicket,

    /// <summary>"add that to the ticket": the last answer as a note on the last ticket.</summary>
    AddThatToTicket,
    Remember,
    Recall,
    ForgetMe,

    /// <summary>"talk to a technician", "I need a human": hand the conversation to a person.</summary>
    Escalate,
}
