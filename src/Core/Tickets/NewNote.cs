namespace MspSupport.Core.Tickets;

/// <param name="Text">The note's text.</param>
/// <param name="Internal">Staff only: a note the customer never sees.</param>
public sealed record NewNote(string? Text, bool Internal = false);
