namespace MspSupport.TicketFunctions.Tickets;

/// <summary>The body of POST /tickets, as the OpenAPI document shows it. Enum values are case-insensitive.</summary>
/// <param name="Title">1 to 200 characters.</param>
/// <param name="Description">Up to 8,000 characters.</param>
/// <param name="Priority">Low, Medium (default), High or Critical.</param>
/// <param name="Category">Network, Hardware, Software, Security or General (default).</param>
/// <param name="CustomerId">Required for staff keys; customer keys may leave it out.</param>
/// <param name="AssignedTo">Staff only.</param>
public sealed record CreateTicketBody(
    string Title,
    string? Description = null,
    string? Priority = null,
    string? Category = null,
    string? CustomerId = null,
    string? AssignedTo = null);
