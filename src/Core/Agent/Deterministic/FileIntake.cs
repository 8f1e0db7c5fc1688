using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;
using MspSupport.Core.Tickets.Attachments;

namespace MspSupport.Core.Agent.Deterministic;

/// <summary>
/// Files a user sends in chat. They go onto the ticket the conversation is about (the last one shown); files sent
/// with a request for a new ticket, or before any ticket, wait in the conversation and go onto the next ticket
/// created or opened there. A refused file is named with the reason, and the rest of the turn goes on.
/// </summary>
public sealed class FileIntake(TicketAttachmentService attachments)
{
    /// <summary>Most files kept waiting for a ticket in one conversation.</summary>
    public const int MaxPending = 10;

    /// <param name="ticketAtStart">The conversation's ticket before this turn ran, to see whether the turn brought a new one.</param>
    public async Task HandleAsync(TurnContext context, string? ticketAtStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arrived = new List<TicketAttachment>();
        foreach (var file in context.Turn.Files)
        {
            if (context.State.PendingFiles.Count + arrived.Count >= MaxPending)
            {
                context.Text($"{AttachmentRules.CleanName(file.FileName) ?? "A file"} was not kept: {MaxPending} files are already waiting for a ticket. Create the ticket first.");
                continue;
            }

            var stored = await attachments.StoreAsync(context.Caller, file, cancellationToken);
            if (stored.Succeeded)
            {
                arrived.Add(stored.Value!);
            }
            else
            {
                context.Text(string.Join(" ", stored.Errors?.Values.SelectMany(m => m) ?? [stored.Message ?? "The file could not be attached."]));
            }
        }

        var files = context.State.PendingFiles.Concat(arrived).ToList();
        if (files.Count == 0)
        {
            return;
        }

        var target = arrived.Count > 0
            ? context.ShowedForm ? null : context.State.LastTicket
            : context.State.LastTicket != ticketAtStart ? context.State.LastTicket : null;
        if (target is null)
        {
            context.State.PendingFiles = files;
            if (arrived.Count > 0)
            {
                context.Text($"I have {Names(arrived)}. I'll attach {(arrived.Count == 1 ? "it" : "them")} to the ticket you create next in this chat.");
            }

            return;
        }

        var result = await attachments.AttachAsync(context.Caller, target, files, cancellationToken);
        context.State.PendingFiles = [];
        if (result.Succeeded)
        {
            context.Card(TicketCards.Ticket(context.Caller, result.Value!, $"Attached {Names(files)} to {result.Value!.TicketId}."));
            return;
        }

        await attachments.DiscardAsync(files, cancellationToken);
        var reason = result.Errors is { Count: > 0 } errors ? string.Join(" ", errors.Values.SelectMany(m => m)) : result.Message;
        context.Text($"I couldn't attach {Names(files)} to {target}: {reason}");
    }

    private static string Names(List<TicketAttachment> files) =>
        files.Count == 1 ? files[0].FileName : $"{string.Join(", ", files.Take(files.Count - 1).Select(f => f.FileName))} and {files[^1].FileName}";
}
