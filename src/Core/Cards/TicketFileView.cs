namespace MspSupport.Core.Cards;

/// <summary>A file on a ticket as a card lists it: name and size (the bytes are fetched through the ticket API).</summary>
public sealed record TicketFileView(string AttachmentId, string FileName, long Size, string AddedBy);
