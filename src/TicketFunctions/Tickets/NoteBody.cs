namespace MspSupport.TicketFunctions.Tickets;

/// <param name="Text">Up to 4,000 characters.</param>
/// <param name="Internal">Staff only: a note the customer never sees.</param>
public sealed record NoteBody(string Text, bool Internal = false);
