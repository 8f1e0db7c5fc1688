namespace MspSupport.Core.Cards;

public sealed record TicketNoteView(string Author, string Text, DateTimeOffset At, bool Internal);
