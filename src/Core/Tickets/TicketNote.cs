using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>A comment on a ticket. Internal notes are for MSP staff only and never reach a customer.</summary>
public sealed record TicketNote
{
    public required string NoteId { get; init; }
    public required string Author { get; init; }
    public required string Text { get; init; }
    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset CreatedAt { get; init; }
    public bool Internal { get; init; }
}
