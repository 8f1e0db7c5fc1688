using MspSupport.Core.Tickets;

namespace MspSupport.Core.Notifications;

/// <summary>What a requester should hear about a change, in one sentence; null when there is nothing for them.</summary>
public static class TicketChangeHeadline
{
    public static string? For(TicketChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind != TicketChangeKind.Updated || change.Before is not { } before || change.After is not { } after)
        {
            return null;
        }

        var by = change.By.Name;
        var parts = new List<string>();
        if (before.Status != after.Status)
        {
            parts.Add($"status is now {after.Status.Name()}");
        }

        if (before.AssignedTo != after.AssignedTo)
        {
            parts.Add(after.AssignedTo is null ? "it is no longer assigned" : $"{after.AssignedTo} is working on it");
        }

        if (before.Priority != after.Priority)
        {
            parts.Add($"priority is now {after.Priority.Name()}");
        }

        // Internal notes are for staff only: a change that only adds one tells the requester nothing.
        if (after.Notes.Skip(before.Notes.Count).Any(n => !n.Internal))
        {
            parts.Add("a new note was added");
        }

        var files = after.Attachments.Skip(before.Attachments.Count).Select(a => a.FileName).ToList();
        if (files.Count > 0)
        {
            parts.Add(files.Count == 1 ? $"{files[0]} was attached" : $"{files.Count} files were attached");
        }

        return parts.Count == 0 ? null : $"Update on {after.TicketId} from {by}: {string.Join(", ", parts)}.";
    }
}
