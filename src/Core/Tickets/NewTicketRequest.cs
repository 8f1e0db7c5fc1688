namespace MspSupport.Core.Tickets;

/// <summary>
/// What a caller asks for when filing a ticket. Enum values arrive as text (from JSON, a card form or a model's
/// tool call) and are parsed, case-insensitively, by <see cref="TicketService"/>.
/// </summary>
public sealed record NewTicketRequest
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }

    /// <summary>Required for staff; a customer may leave it out (it is theirs) but may not name another customer.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Staff only.</summary>
    public string? AssignedTo { get; init; }

    public TicketSource Source { get; init; } = TicketSource.Api;
}
