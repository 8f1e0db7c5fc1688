namespace MspSupport.Core.Cards;

/// <summary>One ticket with the notes this caller may see and the actions this caller may take.</summary>
public sealed record TicketCard : Card
{
    public required string TicketId { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public required string Status { get; init; }
    public required string Priority { get; init; }
    public required string Category { get; init; }
    public required string CustomerId { get; init; }
    public string? AssignedTo { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required long Version { get; init; }
    public IReadOnlyList<TicketNoteView> Notes { get; init; } = [];
    public IReadOnlyList<TicketFileView> Files { get; init; } = [];

    /// <summary>A line above the facts saying what just happened ("Ticket created.", "Priority set to High.").</summary>
    public string? Headline { get; init; }

    public override string ToPlainText()
    {
        var assigned = AssignedTo is null ? "unassigned" : $"assigned to {AssignedTo}";
        var head = Headline is null ? "" : Headline + " ";
        return $"{head}{TicketId} \"{Title}\": {Status}, {Priority} priority, {Category}, {assigned}, {Notes.Count} note(s){(Files.Count == 0 ? "" : $", files: {string.Join(", ", Files.Select(f => f.FileName))}")}.";
    }
}
