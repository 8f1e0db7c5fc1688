using MspSupport.Core.Agent.Intents;
using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Agent.Deterministic;

/// <summary>
/// Ticket requests tier 0 answers itself, from text or cards. Everything goes through <see cref="TicketService"/> as
/// the caller, so its rules (who may see, change, assign) apply exactly as in the API.
/// </summary>
public sealed class TicketActions
{
    private const string WhichTicket = "Which ticket do you mean? Give me its id (like TKT-1KQ3M8Z-X4F7Q) or say \"list my tickets\".";

    private readonly TicketService _tickets;

    public TicketActions(TicketService tickets) => _tickets = tickets;

    public static void NewForm(TurnContext context, string? subject)
    {
        var text = subject ?? "";
        context.Text(subject is null ? "Tell me about the problem and I'll file it." : "Here is the ticket as I understood it. Check it and press Create.");
        var form = TicketCards.NewForm(context.Caller, TicketGuess.Title(text), text, TicketGuess.Priority(text), TicketGuess.Category(text));
        context.Card(WithFormId(form));
    }

    public async Task CreateFromFormAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        var request = new NewTicketRequest
        {
            Title = action.Get("title"),
            Description = action.Get("description"),
            Priority = action.Get("priority"),
            Category = action.Get("category"),
            CustomerId = context.Caller.IsStaff ? action.Get("customerId") : null,
            Source = TicketNames.TryParseSource(context.Caller.Channel, out var source) ? source : TicketSource.Api,
        };
        var key = action.Get("formId") is { } formId ? "form-" + TicketRules.Shorten(formId) : null;
        var result = await _tickets.CreateAsync(context.Caller, request, key, cancellationToken);
        if (result.Outcome == TicketOutcome.Invalid)
        {
            context.Text("Some fields need a fix before I can file this.");
            context.Card(WithFormId(new TicketFormCard
            {
                Mode = TicketFormMode.New,
                Title = request.Title ?? "",
                Description = request.Description ?? "",
                Priority = request.Priority ?? TicketPriority.Medium.Name(),
                Category = request.Category ?? TicketCategory.General.Name(),
                AsksForCustomer = context.Caller.IsStaff,
                CustomerId = request.CustomerId ?? "",
                FieldErrors = result.Errors ?? new Dictionary<string, string[]>(),
            }, action.Get("formId")));
            return;
        }

        Report(context, result, result.Outcome == TicketOutcome.Replayed ? "This ticket was already filed." : "Ticket created.");
    }

    public async Task ShowAsync(TurnContext context, string? ticketId, CancellationToken cancellationToken)
    {
        if (Resolve(context, ticketId) is not { } id)
        {
            return;
        }

        Report(context, await _tickets.GetAsync(context.Caller, id, cancellationToken), null);
    }

    public async Task ListAsync(TurnContext context, bool openOnly, CancellationToken cancellationToken)
    {
        var request = new TicketListRequest { Status = openOnly ? TicketStatus.Open.Name() : null, Limit = 50 };
        var result = await _tickets.ListAsync(context.Caller, request, cancellationToken);
        if (!result.Succeeded)
        {
            context.Text(result.Message ?? "I could not list tickets right now.");
            return;
        }

        var list = result.Value!;
        var heading = (openOnly ? "Open tickets" : "Tickets") + (context.Caller.IsStaff ? " (all customers)" : "");
        context.Text(list.Items.Count == 0 ? "There are no tickets to show." : $"Here are your {heading.ToLowerInvariant()}.");
        context.Card(TicketCards.List(heading, list));
    }

    public async Task EditFormAsync(TurnContext context, string? ticketId, CancellationToken cancellationToken)
    {
        if (Resolve(context, ticketId) is not { } id)
        {
            return;
        }

        var result = await _tickets.GetAsync(context.Caller, id, cancellationToken);
        if (!result.Succeeded)
        {
            Report(context, result, null);
            return;
        }

        context.Card(TicketCards.EditForm(context.Caller, result.Value!));
    }

    public async Task UpdateFromFormAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        if (Resolve(context, action.Get("ticketId")) is not { } id)
        {
            return;
        }

        var changes = new TicketChanges
        {
            Title = Field(action, "title"),
            Description = Field(action, "description"),
            Priority = Field(action, "priority"),
            Category = Field(action, "category"),
            Status = Field(action, "status"),
        };
        long? version = long.TryParse(action.Get("version"), out var v) ? v : null;
        var result = await _tickets.UpdateAsync(context.Caller, id, changes, version, cancellationToken);
        if (result.Outcome == TicketOutcome.Invalid && action.Data.ContainsKey("title"))
        {
            context.Text("Some fields need a fix before I can save this.");
            context.Card(new TicketFormCard
            {
                Mode = TicketFormMode.Edit,
                TicketId = id,
                Version = version,
                Title = action.Get("title") ?? "",
                Description = action.Get("description") ?? "",
                Priority = action.Get("priority") ?? "",
                Category = action.Get("category") ?? "",
                FieldErrors = result.Errors ?? new Dictionary<string, string[]>(),
                Actions = [new CardButton("Save changes", CardVerbs.TicketUpdate, TicketCards.For(id))],
            });
            return;
        }

        Report(context, result, "Ticket updated.");
    }

    public Task SetStatusAsync(TurnContext context, string? ticketId, TicketStatus status, CancellationToken cancellationToken) =>
        ChangeAsync(context, ticketId, new TicketChanges { Status = status.Name() }, $"Ticket {Verb(status)}.", cancellationToken);

    public Task SetPriorityAsync(TurnContext context, string? ticketId, TicketPriority priority, CancellationToken cancellationToken) =>
        ChangeAsync(context, ticketId, new TicketChanges { Priority = priority.Name() }, $"Priority set to {priority.Name()}.", cancellationToken);

    public Task AssignToMeAsync(TurnContext context, string? ticketId, CancellationToken cancellationToken) =>
        ChangeAsync(context, ticketId, new TicketChanges { AssignedTo = context.Caller.Name }, "Assigned to you.", cancellationToken);

    public Task AddNoteAsync(TurnContext context, string? ticketId, string? text, CancellationToken cancellationToken) =>
        ChangeAsync(context, ticketId, new TicketChanges { AddNote = new NewNote(text) }, "Note added.", cancellationToken);

    /// <summary>Applies a change the user confirmed; the pending change was written by a tool for this conversation.</summary>
    public Task ApplyAsync(TurnContext context, PendingChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changes = new TicketChanges
        {
            Status = change.Status is null ? Optional<string?>.Absent : change.Status,
            Priority = change.Priority is null ? Optional<string?>.Absent : change.Priority,
            Category = change.Category is null ? Optional<string?>.Absent : change.Category,
            AssignedTo = change.AssignedTo is null ? Optional<string?>.Absent : change.AssignedTo,
        };
        return ChangeAsync(context, change.TicketId, changes, "Done: " + change.Summary, cancellationToken);
    }

    private async Task ChangeAsync(TurnContext context, string? ticketId, TicketChanges changes, string headline, CancellationToken cancellationToken)
    {
        if (Resolve(context, ticketId) is not { } id)
        {
            return;
        }

        Report(context, await _tickets.UpdateAsync(context.Caller, id, changes, null, cancellationToken), headline);
    }

    private static string? Resolve(TurnContext context, string? ticketId)
    {
        var id = ticketId ?? context.State.LastTicket;
        if (id is null)
        {
            context.Text(WhichTicket);
        }

        return id;
    }

    private static void Report(TurnContext context, TicketResult<Ticket> result, string? headline)
    {
        if (result.Succeeded)
        {
            if (headline is not null)
            {
                context.Text(headline);
            }

            context.Card(TicketCards.Ticket(context.Caller, result.Value!, headline));
            return;
        }

        var next = result.Outcome switch
        {
            TicketOutcome.NotFound => " Check the id, or say \"list my tickets\".",
            TicketOutcome.VersionMismatch => " Say \"status of\" the ticket to see it as it is now.",
            _ => "",
        };
        context.Text((result.Message ?? "That did not work.") + next);
    }

    private static Optional<string?> Field(CardAction action, string key) =>
        action.Data.ContainsKey(key) ? action.Get(key) : Optional<string?>.Absent;

    private static string Verb(TicketStatus status) => status switch
    {
        TicketStatus.Closed => "closed",
        TicketStatus.Open => "reopened",
        _ => "set to " + status.Name(),
    };

    private static TicketFormCard WithFormId(TicketFormCard form, string? formId = null)
    {
        var data = new Dictionary<string, string> { ["formId"] = formId ?? Guid.NewGuid().ToString("N") };
        return form with { Actions = [new CardButton("Create ticket", CardVerbs.TicketCreate, data)] };
    }
}
