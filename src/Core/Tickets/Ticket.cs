using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>
/// A support ticket as stored. Fields follow the seed's table (TicketId ... Notes) plus what a service desk
/// needs: who filed it, who works on it, where it came from, and a version for optimistic concurrency.
/// </summary>
public sealed record Ticket
{
    public required string TicketId { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public required TicketStatus Status { get; init; }
    public required TicketPriority Priority { get; init; }
    public required TicketCategory Category { get; init; }
    public required string CustomerId { get; init; }
    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset CreatedAt { get; init; }
    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public string? AssignedTo { get; init; }
    public required TicketSource Source { get; init; }

    /// <summary>Starts at 1 and grows by one with every change; a write names the version it read.</summary>
    public required long Version { get; init; }

    public IReadOnlyList<TicketNote> Notes { get; init; } = [];

    public IReadOnlyList<TicketAttachment> Attachments { get; init; } = [];
}
