namespace MspSupport.Core.Tickets;

/// <summary>A listing as a caller asks for it: filters as text, an optional page size and the cursor of the previous page.</summary>
public sealed record TicketListRequest
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public string? CustomerId { get; init; }
    public string? Status { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}
