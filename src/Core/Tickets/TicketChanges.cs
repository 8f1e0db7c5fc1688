namespace MspSupport.Core.Tickets;

/// <summary>A partial update: only fields that are present change. <see cref="AssignedTo"/> set to null unassigns.</summary>
public sealed record TicketChanges
{
    public Optional<string?> Title { get; init; }
    public Optional<string?> Description { get; init; }
    public Optional<string?> Status { get; init; }
    public Optional<string?> Priority { get; init; }
    public Optional<string?> Category { get; init; }
    public Optional<string?> AssignedTo { get; init; }

    /// <summary>A note to append, if any.</summary>
    public NewNote? AddNote { get; init; }

    /// <summary>Files already stored by <see cref="Attachments.TicketAttachmentService"/>, to list on the ticket.</summary>
    public IReadOnlyList<TicketAttachment>? AddAttachments { get; init; }

    public bool IsEmpty =>
        !Title.HasValue && !Description.HasValue && !Status.HasValue && !Priority.HasValue &&
        !Category.HasValue && !AssignedTo.HasValue && AddNote is null && AddAttachments is not { Count: > 0 };
}
