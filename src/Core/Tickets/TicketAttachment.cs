using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>
/// A file attached to a ticket: what the ticket stores about it. The bytes live in the attachment content store
/// (the local data folder or S3) under <see cref="ContentKey"/>, which only the server derives.
/// </summary>
public sealed record TicketAttachment
{
    public required string AttachmentId { get; init; }

    /// <summary>The file's name as the user sent it, cleaned of paths and control characters.</summary>
    public required string FileName { get; init; }

    /// <summary>The canonical type for the file's extension, checked against its first bytes.</summary>
    public required string ContentType { get; init; }

    public required long Size { get; init; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where the bytes are kept, derived from the id and time so that it is never taken from a request or shown.</summary>
    [JsonIgnore]
    public string ContentKey => $"{AddedAt.UtcDateTime:yyyy'/'MM}/{AttachmentId}";

    public required string AddedBy { get; init; }

    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset AddedAt { get; init; }
}
