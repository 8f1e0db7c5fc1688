namespace MspSupport.TicketFunctions.Tickets;

/// <summary>The body of PATCH /tickets/{ticketId}: only the fields present change. <c>assignedTo: null</c> unassigns.</summary>
public sealed record UpdateTicketBody(
    string? Title = null,
    string? Description = null,
    string? Status = null,
    string? Priority = null,
    string? Category = null,
    string? AssignedTo = null,
    NoteBody? AddNote = null);
