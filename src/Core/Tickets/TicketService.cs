using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Every read and change of a ticket, from the API, the chat tools or a card, goes through here. It validates input
/// (<see cref="TicketRules"/>), decides who may do what, and keeps changes atomic through the store's versions.
/// </summary>
/// <remarks>
/// Who may do what: a customer sees, files and changes only tickets of its own CustomerId; may edit title,
/// description, priority and category while the ticket is Open; may close its ticket or reopen it; may add notes
/// but never internal ones and never sees them. Technicians see and change every customer's tickets. Only admins
/// delete. A ticket the caller may not see answers as not found, so that ids of other customers leak nothing.
/// </remarks>
public sealed partial class TicketService : ITicketOperations
{
    private const int MaxIdAttempts = 5;
    private const int MaxUpdateAttempts = 5;

    private readonly ITicketStore _store;
    private readonly TimeProvider _time;
    private readonly IEnumerable<ITicketChangeListener> _listeners;
    private readonly TimeSpan _idempotencyKeyTtl;
    private readonly ILogger<TicketService> _logger;

    public TicketService(ITicketStore store, TimeProvider time, IEnumerable<ITicketChangeListener> listeners, IOptions<TicketOptions> options, ILogger<TicketService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _listeners = listeners;
        _idempotencyKeyTtl = options.Value.IdempotencyKeyTtl;
        _logger = logger;
    }

    public async Task<TicketResult<Ticket>> CreateAsync(CallerIdentity caller, NewTicketRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);

        var errors = new ValidationErrors();
        var (priority, category) = CheckNew(request, errors);
        CheckIdempotencyKey(idempotencyKey, errors);

        if (caller.IsStaff && request.CustomerId is null)
        {
            errors.Add("customerId", "Say which customer this ticket is for (customerId).");
        }

        if (!errors.IsEmpty)
        {
            return TicketResult<Ticket>.Invalid(errors);
        }

        string customerId;
        if (caller.IsStaff)
        {
            customerId = request.CustomerId!;
        }
        else
        {
            if (caller.CustomerId is null)
            {
                return Forbidden<Ticket>("Your account is not linked to a customer yet, so you cannot file tickets. Ask your MSP to link it.");
            }

            if (request.CustomerId is not null && request.CustomerId != caller.CustomerId)
            {
                return Forbidden<Ticket>("You can only file tickets for your own organization.");
            }

            if (request.AssignedTo is not null)
            {
                return Forbidden<Ticket>("Only technicians can assign tickets.");
            }

            customerId = caller.CustomerId;
        }

        var claim = idempotencyKey is null ? null : Claim(caller, idempotencyKey, request, customerId, Now(), _idempotencyKeyTtl);
        for (var attempt = 0; attempt < MaxIdAttempts; attempt++)
        {
            var now = Now();
            var ticket = new Ticket
            {
                TicketId = TicketIds.New(now),
                Title = request.Title!.Trim(),
                Description = request.Description?.TrimEnd() ?? "",
                Status = TicketStatus.Open,
                Priority = priority,
                Category = category,
                CustomerId = customerId,
                CreatedAt = now,
                UpdatedAt = now,
                CreatedBy = caller.Name,
                AssignedTo = request.AssignedTo?.Trim(),
                Source = request.Source,
                Version = 1,
            };

            var result = await _store.CreateAsync(ticket, claim, cancellationToken);
            switch (result.Status)
            {
                case CreateStatus.Created:
                    LogCreated(ticket.TicketId, caller.Channel, caller.Role);
                    await NotifyAsync(new TicketChange(TicketChangeKind.Created, null, ticket, caller), cancellationToken);
                    return new() { Outcome = TicketOutcome.Created, Value = View(caller, ticket) };
                case CreateStatus.Replayed:
                    return new() { Outcome = TicketOutcome.Replayed, Value = View(caller, result.Ticket!) };
                case CreateStatus.KeyReused:
                    return TicketResult<Ticket>.Fail(TicketOutcome.IdempotencyKeyReused,
                        "This Idempotency-Key was already used for a different request. Use a new key for a new ticket.");
                case CreateStatus.IdTaken:
                    continue;
            }
        }

        throw new InvalidOperationException($"Could not find a free ticket id in {MaxIdAttempts} attempts.");
    }

    /// <summary>
    /// The value checks of a new ticket, without writing anything: lets a caller report these together with its
    /// own shape errors (JSON types, unknown fields). Returns the parsed priority and category (defaults if absent).
    /// </summary>
    public static (TicketPriority Priority, TicketCategory Category) CheckNew(NewTicketRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        TicketRules.CheckTitle(request.Title, errors);
        TicketRules.CheckDescription(request.Description, errors);
        if (request.CustomerId is not null)
        {
            TicketRules.CheckCustomerId(request.CustomerId, errors);
        }

        TicketRules.CheckPerson(request.AssignedTo, errors, "assignedTo");
        var priority = TicketRules.ParsePriority(request.Priority, errors) ?? TicketPriority.Medium;
        var category = TicketRules.ParseCategory(request.Category, errors) ?? TicketCategory.General;
        return (priority, category);
    }

    /// <summary>The value checks of a partial update that need no stored ticket (lengths, enum names, note text).</summary>
    public static void CheckChanges(TicketChanges changes, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(errors);
        if (changes.Title.HasValue)
        {
            TicketRules.CheckTitle(changes.Title.Value, errors);
        }

        if (changes.Description.HasValue)
        {
            TicketRules.CheckDescription(changes.Description.Value, errors);
        }

        if (changes.Priority.HasValue)
        {
            TicketRules.ParsePriority(changes.Priority.Value ?? "", errors);
        }

        if (changes.Category.HasValue)
        {
            TicketRules.ParseCategory(changes.Category.Value ?? "", errors);
        }

        if (changes.Status.HasValue)
        {
            TicketRules.ParseStatus(changes.Status.Value ?? "", errors);
        }

        if (changes.AssignedTo.HasValue)
        {
            TicketRules.CheckPerson(changes.AssignedTo.Value, errors, "assignedTo");
        }

        if (changes.AddNote is { } note)
        {
            TicketRules.CheckNote(note.Text, errors, "addNote.text");
        }
    }

    public async Task<TicketResult<Ticket>> GetAsync(CallerIdentity caller, string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (ticket, id) = await LoadVisibleAsync(caller, ticketId, cancellationToken);
        return ticket is null ? TicketResult<Ticket>.NotFound(id) : TicketResult<Ticket>.Ok(View(caller, ticket));
    }

    public async Task<TicketResult<TicketList>> ListAsync(CallerIdentity caller, TicketListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);

        var errors = new ValidationErrors();
        var status = TicketRules.ParseStatus(request.Status, errors);
        var priority = TicketRules.ParsePriority(request.Priority, errors);
        var category = TicketRules.ParseCategory(request.Category, errors);
        if (request.CustomerId is not null && !TicketRules.IsCustomerId(request.CustomerId))
        {
            TicketRules.CheckCustomerId(request.CustomerId, errors);
        }

        var limit = request.Limit ?? TicketListRequest.DefaultLimit;
        if (limit is < 1 or > TicketListRequest.MaxLimit)
        {
            errors.Add("limit", $"The limit must be between 1 and {TicketListRequest.MaxLimit}.");
        }

        var customerId = request.CustomerId;
        if (!caller.IsStaff)
        {
            if (caller.CustomerId is null)
            {
                return Forbidden<TicketList>("Your account is not linked to a customer yet, so there are no tickets to show.");
            }

            if (customerId is not null && customerId != caller.CustomerId)
            {
                return Forbidden<TicketList>("You can only list your own organization's tickets.");
            }

            customerId = caller.CustomerId;
        }

        var queryKey = string.Join('|', customerId, status?.Name(), priority?.Name(), category?.Name());
        TicketCursor? after = null;
        if (request.Cursor is not null && errors.IsEmpty && !TicketCursor.TryDecode(request.Cursor, queryKey, out after))
        {
            errors.Add("cursor", "This cursor is not one this listing gave out (or it belongs to other filters). Start again without a cursor.");
        }

        if (!errors.IsEmpty)
        {
            return TicketResult<TicketList>.Invalid(errors);
        }

        var page = await _store.ListAsync(new TicketQuery
        {
            CustomerId = customerId,
            Status = status,
            Priority = priority,
            Category = category,
            Limit = limit,
            After = after,
        }, cancellationToken);

        var items = page.Items.Select(t => View(caller, t)).ToList();
        return TicketResult<TicketList>.Ok(new TicketList(items, page.Next?.Encode(queryKey)));
    }

    public async Task<TicketResult<Ticket>> UpdateAsync(CallerIdentity caller, string ticketId, TicketChanges changes, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(changes);

        if (changes.IsEmpty)
        {
            var nothing = new ValidationErrors();
            nothing.Add("body", "Name at least one field to change: title, description, status, priority, category, assignedTo or addNote.");
            return TicketResult<Ticket>.Invalid(nothing);
        }

        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var (current, id) = await LoadVisibleAsync(caller, ticketId, cancellationToken);
            if (current is null)
            {
                return TicketResult<Ticket>.NotFound(id);
            }

            if (expectedVersion is { } expected && expected != current.Version)
            {
                return VersionMismatch<Ticket>(current);
            }

            var applied = Apply(caller, current, changes);
            if (!applied.Succeeded)
            {
                return applied;
            }

            var updated = applied.Value!;
            if (updated == current)
            {
                return TicketResult<Ticket>.Ok(View(caller, current));
            }

            var status = await _store.ReplaceAsync(updated, current.Version, cancellationToken);
            switch (status)
            {
                case WriteStatus.Done:
                    LogUpdated(updated.TicketId, updated.Version, caller.Channel, caller.Role);
                    await NotifyAsync(new TicketChange(TicketChangeKind.Updated, current, updated, caller), cancellationToken);
                    return TicketResult<Ticket>.Ok(View(caller, updated));
                case WriteStatus.NotFound:
                    return TicketResult<Ticket>.NotFound(id);
                case WriteStatus.VersionConflict when expectedVersion is not null:
                    return VersionMismatch<Ticket>(await _store.GetAsync(id, cancellationToken) ?? current);
                case WriteStatus.VersionConflict:
                    continue; // Someone else wrote first; apply the change again on top of theirs.
            }
        }

        return TicketResult<Ticket>.Fail(TicketOutcome.Conflict, "The ticket is being changed by others right now. Try again in a moment.");
    }

    public Task<TicketResult<Ticket>> AddNoteAsync(CallerIdentity caller, string ticketId, string? text, bool isInternal, CancellationToken cancellationToken) =>
        UpdateAsync(caller, ticketId, new TicketChanges { AddNote = new NewNote(text, isInternal) }, null, cancellationToken);

    public async Task<TicketResult<Ticket>> DeleteAsync(CallerIdentity caller, string ticketId, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (current, id) = await LoadVisibleAsync(caller, ticketId, cancellationToken);
        if (current is null)
        {
            return TicketResult<Ticket>.NotFound(id);
        }

        if (caller.Role != CallerRole.Admin)
        {
            return Forbidden<Ticket>("Only an administrator can delete tickets. Close the ticket instead.");
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            return VersionMismatch<Ticket>(current);
        }

        var status = await _store.DeleteAsync(id, expectedVersion ?? current.Version, cancellationToken);
        switch (status)
        {
            case WriteStatus.Done:
                LogDeleted(id, caller.Channel);
                await NotifyAsync(new TicketChange(TicketChangeKind.Deleted, current, null, caller), cancellationToken);
                return TicketResult<Ticket>.Ok(current);
            case WriteStatus.NotFound:
                return TicketResult<Ticket>.NotFound(id);
            default:
                return VersionMismatch<Ticket>(await _store.GetAsync(id, cancellationToken) ?? current);
        }
    }

    /// <summary>Whether <paramref name="caller"/> may see <paramref name="ticket"/> at all.</summary>
    public static bool CanSee(CallerIdentity caller, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(ticket);
        return caller.IsStaff || (caller.CustomerId is not null && caller.CustomerId == ticket.CustomerId);
    }

    /// <summary>The ticket as <paramref name="caller"/> may see it: customers never see internal notes.</summary>
    public static Ticket View(CallerIdentity caller, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(ticket);
        return caller.IsStaff || !ticket.Notes.Any(n => n.Internal)
            ? ticket
            : ticket with { Notes = ticket.Notes.Where(n => !n.Internal).ToList() };
    }

    private TicketResult<Ticket> Apply(CallerIdentity caller, Ticket current, TicketChanges changes)
    {
        var errors = new ValidationErrors();
        CheckChanges(changes, errors);
        if (!errors.IsEmpty)
        {
            return TicketResult<Ticket>.Invalid(errors);
        }

        var next = current;
        if (changes.Title.HasValue)
        {
            next = next with { Title = changes.Title.Value!.Trim() };
        }

        if (changes.Description.HasValue)
        {
            next = next with { Description = changes.Description.Value?.TrimEnd() ?? "" };
        }

        if (changes.Priority.HasValue && TicketNames.TryParsePriority(changes.Priority.Value, out var priority))
        {
            next = next with { Priority = priority };
        }

        if (changes.Category.HasValue && TicketNames.TryParseCategory(changes.Category.Value, out var category))
        {
            next = next with { Category = category };
        }

        if (changes.Status.HasValue && TicketNames.TryParseStatus(changes.Status.Value, out var status))
        {
            next = next with { Status = status };
        }

        if (changes.AssignedTo.HasValue)
        {
            next = next with { AssignedTo = changes.AssignedTo.Value?.Trim() };
        }

        if (changes.AddNote is { } note)
        {
            next = next with { Notes = [.. next.Notes, NewTicketNote(caller, note)] };
            if (next.Notes.Sum(n => n.Text.Length) > TicketRules.NotesTotalMaxLength)
            {
                errors.Add("addNote.text", "This ticket's notes are full. Open a follow-up ticket and mention this one.");
            }
        }

        if (changes.AddAttachments is { Count: > 0 } files)
        {
            next = next with { Attachments = [.. next.Attachments, .. files] };
            if (next.Attachments.Count > Attachments.AttachmentRules.MaxPerTicket)
            {
                errors.Add("file", $"A ticket holds at most {Attachments.AttachmentRules.MaxPerTicket} files. Open a follow-up ticket for more.");
            }
        }

        if (!errors.IsEmpty)
        {
            return TicketResult<Ticket>.Invalid(errors);
        }

        var refusal = Authorize(caller, current, next, changes);
        if (refusal is not null)
        {
            return refusal;
        }

        return next == current
            ? TicketResult<Ticket>.Ok(current)
            : TicketResult<Ticket>.Ok(next with { Version = current.Version + 1, UpdatedAt = Now() });
    }

    private static TicketResult<Ticket>? Authorize(CallerIdentity caller, Ticket current, Ticket next, TicketChanges changes)
    {
        if (!TicketRules.CanMove(current.Status, next.Status))
        {
            return TicketResult<Ticket>.Fail(TicketOutcome.Conflict,
                $"A {current.Status.Name()} ticket cannot move to {next.Status.Name()}. Reopen it first (status Open).");
        }

        var editsOtherThanStatus = next with { Status = current.Status } != current;
        if (current.Status == TicketStatus.Closed && editsOtherThanStatus)
        {
            return TicketResult<Ticket>.Fail(TicketOutcome.Conflict,
                "This ticket is closed. Reopen it (status Open) before changing it or adding notes.");
        }

        if (caller.IsStaff)
        {
            return null;
        }

        if (changes.AssignedTo.HasValue && next.AssignedTo != current.AssignedTo)
        {
            return Forbidden<Ticket>("Only technicians can assign tickets.");
        }

        if (changes.AddNote is { Internal: true })
        {
            return Forbidden<Ticket>("Only technicians can add internal notes.");
        }

        if (next.Status != current.Status && next.Status is not (TicketStatus.Closed or TicketStatus.Open))
        {
            return Forbidden<Ticket>("You can close or reopen your ticket; the other statuses are set by your technician.");
        }

        var fieldsChanged = next.Title != current.Title || next.Description != current.Description ||
                            next.Priority != current.Priority || next.Category != current.Category;
        if (fieldsChanged && current.Status != TicketStatus.Open)
        {
            return Forbidden<Ticket>("Your technician is already working on this ticket, so its details can no longer be edited. Add a note instead.");
        }

        return null;
    }

    private async Task<(Ticket? Ticket, string Id)> LoadVisibleAsync(CallerIdentity caller, string ticketId, CancellationToken cancellationToken)
    {
        if (!TicketIds.TryNormalize(ticketId, out var id))
        {
            return (null, ticketId ?? "");
        }

        var ticket = await _store.GetAsync(id, cancellationToken);
        return ticket is not null && CanSee(caller, ticket) ? (ticket, id) : (null, id);
    }

    private TicketNote NewTicketNote(CallerIdentity caller, NewNote note) => new()
    {
        NoteId = $"N-{RandomNumberGenerator.GetHexString(10, lowercase: true)}",
        Author = caller.Name,
        Text = note.Text!.Trim(),
        CreatedAt = Now(),
        Internal = note.Internal,
    };

    private async Task NotifyAsync(TicketChange change, CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.OnTicketChangedAsync(change, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogListenerFailed(e, change.TicketId, listener.GetType().Name);
            }
        }
    }

    private DateTimeOffset Now() => UtcTimestamp.Truncate(_time.GetUtcNow());

    private static void CheckIdempotencyKey(string? key, ValidationErrors errors)
    {
        if (key is not null && (key.Length is 0 or > 200 || key.Any(c => c is < '!' or > '~')))
        {
            errors.Add("Idempotency-Key", "An Idempotency-Key is 1 to 200 visible ASCII characters, e.g. a UUID.");
        }
    }

    private static IdempotencyClaim Claim(CallerIdentity caller, string key, NewTicketRequest request, string customerId, DateTimeOffset now, TimeSpan ttl)
    {
        var scoped = Hash($"{caller.Key}\n{key}");
        var fingerprint = Hash(string.Join('\u001f',
            request.Title?.Trim(), request.Description?.TrimEnd(), request.Priority?.Trim().ToUpperInvariant(),
            request.Category?.Trim().ToUpperInvariant(), customerId, request.AssignedTo?.Trim()));
        return new IdempotencyClaim(scoped, fingerprint, now, now + ttl);

        static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static TicketResult<T> Forbidden<T>(string message) => TicketResult<T>.Fail(TicketOutcome.Forbidden, message);

    private static TicketResult<T> VersionMismatch<T>(Ticket current) => TicketResult<T>.Fail(TicketOutcome.VersionMismatch,
        $"The ticket changed since you read it (it is now at version {current.Version}). Read it again and retry your change.");

    [LoggerMessage(1, LogLevel.Information, "Ticket {TicketId} created from {Channel} by a {Role}")]
    private partial void LogCreated(string ticketId, string channel, CallerRole role);

    [LoggerMessage(2, LogLevel.Information, "Ticket {TicketId} updated to version {Version} from {Channel} by a {Role}")]
    private partial void LogUpdated(string ticketId, long version, string channel, CallerRole role);

    [LoggerMessage(3, LogLevel.Information, "Ticket {TicketId} deleted from {Channel}")]
    private partial void LogDeleted(string ticketId, string channel);

    [LoggerMessage(4, LogLevel.Warning, "A ticket change listener ({Listener}) failed for {TicketId}; the change itself is saved")]
    private partial void LogListenerFailed(Exception exception, string ticketId, string listener);
}
