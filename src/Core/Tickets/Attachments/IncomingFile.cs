namespace MspSupport.Core.Tickets.Attachments;

/// <summary>A file a user sent through a channel or the API, already downloaded, not yet checked.</summary>
public sealed record IncomingFile(string? FileName, string? DeclaredContentType, ReadOnlyMemory<byte> Content);
