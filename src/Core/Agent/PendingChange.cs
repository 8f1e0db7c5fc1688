namespace MspSupport.Core.Agent;

/// <summary>
/// A ticket change a model proposed and the user has not confirmed yet. Kept in the conversation state, applied
/// only when a <c>confirm</c> card action names its <see cref="Id"/>.
/// </summary>
public sealed record PendingChange
{
    public required string Id { get; init; }
    public required string TicketId { get; init; }
    public string? Status { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public string? AssignedTo { get; init; }
    public required string Summary { get; init; }
}
