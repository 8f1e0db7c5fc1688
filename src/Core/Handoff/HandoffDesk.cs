using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Handoff;

/// <summary>
/// What technicians do from a triage card: take the ticket, answer the customer, write internal notes, change status or
/// priority, hand back to the assistant, close, and approve, edit or reject the assistant's drafts. Only staff may act
/// (checked here, not by the card). Each action is applied once per action id, so double clicks and re-sent invokes
/// change nothing twice; every action answers with the refreshed card, which is also updated in place for everyone.
/// </summary>
public sealed partial class HandoffDesk(
    EscalationService escalation,
    HandoffCases cases,
    ITicketOperations tickets,
    IEnumerable<ICustomerChannel> customerChannels,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    ILogger<HandoffDesk> logger)
{
    public async Task HandleAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (!context.Caller.IsStaff)
        {
            context.Text("Only technicians can work on a handed-off ticket.");
            return;
        }

        var ticketId = action.Get("ticketId");
        var handoff = ticketId is null ? null : await cases.Store.GetAsync(ticketId, cancellationToken);
        if (handoff is null)
        {
            context.Text("There is no handoff for that ticket. Open the ticket itself with \"status of TKT-…\".");
            return;
        }

        var (result, thread) = action.Verb == CardVerbs.HandoffRefresh
            ? (new Outcome(handoff, null), null)
            : await ApplyAsync(context, handoff, action, cancellationToken);
        if (await escalation.StaffViewAsync(result.Case.TicketId, cancellationToken) is not { } ticket)
        {
            context.Text("That ticket no longer exists.");
            return;
        }

        if (action.Verb != CardVerbs.HandoffRefresh)
        {
            await escalation.TellTechniciansAsync(result.Case, thread, result.Headline, cancellationToken);
        }

        context.Card(escalation.CardFor(result.Case, ticket, result.Headline));
    }

    private async Task<(Outcome Result, string? ThreadMessage)> ApplyAsync(TurnContext context, HandoffCase handoff, CardAction action, CancellationToken cancellationToken)
    {
        if (action.Verb == CardVerbs.HandoffUpdate && TicketNames.TryParseStatus(action.Get("status"), out var status) && status == TicketStatus.Closed)
        {
            action = action with { Verb = CardVerbs.HandoffClose }; // closing tells the customer and ends the handoff
        }

        var name = context.Caller.Name;
        var text = action.Verb switch
        {
            CardVerbs.HandoffReply => action.Get("replyText"),
            CardVerbs.HandoffNote => action.Get("noteText"),
            CardVerbs.HandoffEditApprove => action.Get("draftText") ?? handoff.Draft?.Text,
            _ => null,
        };
        if (Refusal(handoff, action, name, text) is { } refused)
        {
            return (new Outcome(handoff, refused), null);
        }

        var actionId = ActionId(action, text);
        var (claimed, changed) = await cases.UpdateAsync(handoff.TicketId, c => c.HasProcessed(actionId) ? null : Claim(c, action.Verb, name).WithProcessed(actionId).WithTechnician(context.Caller), cancellationToken);
        if (claimed is null || !changed)
        {
            return (new Outcome(claimed ?? handoff, "Already done (that button was pressed twice)."), null);
        }

        LogAction(action.Verb, claimed.TicketId, name);
        return action.Verb switch
        {
            CardVerbs.HandoffAssign => await AssignAsync(context, claimed, cancellationToken),
            CardVerbs.HandoffReply => await ReplyAsync(context, claimed, text!, cancellationToken),
            CardVerbs.HandoffNote => await NoteAsync(context, claimed, text!, cancellationToken),
            CardVerbs.HandoffUpdate => await UpdateAsync(context, claimed, action, cancellationToken),
            CardVerbs.HandoffHandBack => await HandBackAsync(context, claimed, cancellationToken),
            CardVerbs.HandoffClose => await CloseAsync(context, claimed, cancellationToken),
            CardVerbs.HandoffApprove => await SendDraftAsync(context, claimed, handoff.Draft!, null, cancellationToken),
            CardVerbs.HandoffEditApprove => await SendDraftAsync(context, claimed, handoff.Draft!, text, cancellationToken),
            CardVerbs.HandoffReject => (new Outcome(claimed, "Draft rejected; nothing was sent to the customer."), $"{name} rejected the assistant's draft."),
            _ => (new Outcome(claimed, "I don't know that button."), null),
        };
    }

    /// <summary>Why an action cannot be applied as asked, checked before it is claimed (so nothing is marked done).</summary>
    private static string? Refusal(HandoffCase handoff, CardAction action, string name, string? text)
    {
        var verb = action.Verb;
        if (handoff.Closed && verb != CardVerbs.HandoffRefresh)
        {
            return "This handoff is closed.";
        }

        return verb switch
        {
            CardVerbs.HandoffAssign when handoff.Owner is { } owner && owner != name => $"{owner} already owns this ticket.",
            CardVerbs.HandoffReply or CardVerbs.HandoffNote or CardVerbs.HandoffEditApprove when text is null => "Type the text in the box first.",
            CardVerbs.HandoffReply or CardVerbs.HandoffNote or CardVerbs.HandoffEditApprove when text!.Length > TicketRules.NoteMaxLength - 40 =>
                $"That is too long; keep it under {TicketRules.NoteMaxLength - 40} characters.",
            CardVerbs.HandoffUpdate when action.Get("status") is null && action.Get("priority") is null => "Choose a status or a priority first.",
            CardVerbs.HandoffHandBack when handoff.Mode == HandoffMode.Assistant => "The assistant already has this conversation.",
            CardVerbs.HandoffApprove or CardVerbs.HandoffEditApprove or CardVerbs.HandoffReject when handoff.Draft is null || handoff.Draft.Id != action.Get("draftId") =>
                "That draft was already handled.",
            _ when !verb.StartsWith(CardVerbs.HandoffPrefix, StringComparison.Ordinal) => "I don't know that button.",
            _ => null,
        };
    }

    /// <summary>The case's own part of an action, written together with its action id.</summary>
    private static HandoffCase Claim(HandoffCase c, string verb, string name) => verb switch
    {
        CardVerbs.HandoffAssign => c with { Owner = name },
        CardVerbs.HandoffReply => c with { Owner = c.Owner ?? name },
        CardVerbs.HandoffHandBack => c with { Mode = HandoffMode.Assistant, Draft = null },
        CardVerbs.HandoffClose => c with { Mode = HandoffMode.Assistant, Draft = null, Closed = true },
        CardVerbs.HandoffApprove or CardVerbs.HandoffEditApprove or CardVerbs.HandoffReject => c with { Draft = null },
        _ => c,
    };

    private async Task<(Outcome, string?)> AssignAsync(TurnContext context, HandoffCase handoff, CancellationToken cancellationToken)
    {
        var result = await tickets.UpdateAsync(context.Caller, handoff.TicketId, new TicketChanges { AssignedTo = context.Caller.Name }, null, cancellationToken);
        return result.Succeeded
            ? (new Outcome(handoff, $"{context.Caller.Name} took this ticket."), $"{context.Caller.Name} took this ticket.")
            : (new Outcome(handoff, result.Message), null);
    }

    private async Task<(Outcome, string?)> ReplyAsync(TurnContext context, HandoffCase handoff, string text, CancellationToken cancellationToken)
    {
        var author = context.Caller.Name;
        var (delivered, updated) = await DeliverAsync(handoff, text, Technician(author), cancellationToken);
        if (!delivered)
        {
            return (new Outcome(updated, $"The reply could not be delivered: {updated.LastDeliveryError}"), null);
        }

        await cases.RememberAsync(handoff, "technician", text, author, cancellationToken);
        using (RequesterAlreadyTold.Enter())
        {
            await tickets.AddNoteAsync(context.Caller, handoff.TicketId, $"Reply to the customer: {text}", isInternal: false, cancellationToken);
        }
        return (new Outcome(updated, $"Reply sent to {handoff.RequesterName}."), $"{author} replied: {text}");
    }

    private async Task<(Outcome, string?)> NoteAsync(TurnContext context, HandoffCase handoff, string text, CancellationToken cancellationToken)
    {
        var result = await tickets.AddNoteAsync(context.Caller, handoff.TicketId, text, isInternal: true, cancellationToken);
        return (new Outcome(handoff, result.Succeeded ? "Internal note added." : result.Message), null);
    }

    private async Task<(Outcome, string?)> UpdateAsync(TurnContext context, HandoffCase handoff, CardAction action, CancellationToken cancellationToken)
    {
        var status = action.Get("status");
        var priority = action.Get("priority");
        var changes = new TicketChanges
        {
            Status = status is null ? Optional<string?>.Absent : status,
            Priority = priority is null ? Optional<string?>.Absent : priority,
        };
        var result = await tickets.UpdateAsync(context.Caller, handoff.TicketId, changes, null, cancellationToken);
        if (!result.Succeeded)
        {
            return (new Outcome(handoff, result.Message), null);
        }

        var now = $"Now {result.Value!.Status.Name()}, {result.Value.Priority.Name()} priority.";
        return (new Outcome(handoff, now), $"{context.Caller.Name}: {now}");
    }

    private async Task<(Outcome, string?)> HandBackAsync(TurnContext context, HandoffCase handoff, CancellationToken cancellationToken)
    {
        var name = context.Caller.Name;
        var message = $"You're back with the assistant: {name} handed this conversation back. Ask me anything, or say \"talk to a technician\" to reach them again.";
        var (_, updated) = await DeliverAsync(handoff, message, null, cancellationToken);
        await cases.RememberAsync(handoff, "assistant", message, null, cancellationToken);
        await escalation.NoteAsync(handoff.TicketId, $"{name} handed the conversation back to the assistant.", cancellationToken);
        return (new Outcome(updated, Delivered(updated, "Handed back to the assistant.")), $"{name} handed the conversation back to the assistant.");
    }

    private async Task<(Outcome, string?)> CloseAsync(TurnContext context, HandoffCase handoff, CancellationToken cancellationToken)
    {
        var name = context.Caller.Name;
        TicketResult<Ticket> result;
        using (RequesterAlreadyTold.Enter())
        {
            // The customer hears it below, in their own conversation, not as an update card as well.
            result = await tickets.UpdateAsync(context.Caller, handoff.TicketId, new TicketChanges { Status = TicketStatus.Closed.Name() }, null, cancellationToken);
        }

        if (!result.Succeeded)
        {
            LogCloseFailed(handoff.TicketId, result.Message ?? result.Outcome.ToString());
        }

        var message = $"Your ticket {handoff.TicketId} was closed by {name}. You're back with the assistant; ask me anything.";
        var (_, updated) = await DeliverAsync(handoff, message, null, cancellationToken);
        await cases.RememberAsync(handoff, "assistant", message, null, cancellationToken);
        return (new Outcome(updated, Delivered(updated, "Ticket closed; the customer is back with the assistant.")), $"{name} closed the ticket.");
    }

    private async Task<(Outcome, string?)> SendDraftAsync(TurnContext context, HandoffCase handoff, PendingDraft draft, string? edited, CancellationToken cancellationToken)
    {
        var name = context.Caller.Name;
        var text = edited ?? WithSources(draft);
        var from = edited is null ? null : Technician(name);
        var (delivered, updated) = await DeliverAsync(handoff, text, from, cancellationToken);
        if (!delivered)
        {
            return (new Outcome(updated, $"The answer could not be delivered: {updated.LastDeliveryError}"), null);
        }

        await cases.RememberAsync(handoff, edited is null ? "assistant" : "technician", text, edited is null ? null : name, cancellationToken);
        using (RequesterAlreadyTold.Enter())
        {
            await tickets.AddNoteAsync(context.Caller, handoff.TicketId, $"{(edited is null ? "Approved assistant answer" : "Edited answer")} sent to the customer: {text}", isInternal: false, cancellationToken);
        }
        var what = edited is null ? "approved the assistant's draft" : "sent an edited answer";
        return (new Outcome(updated, $"Sent to {handoff.RequesterName}."), $"{name} {what}.");
    }

    /// <summary>Sends to the customer's channel, retrying a few times; the outcome is written on the case (and so shown on the card).</summary>
    private async Task<(bool Delivered, HandoffCase Case)> DeliverAsync(HandoffCase handoff, string text, string? from, CancellationToken cancellationToken)
    {
        var error = await TrySendAsync(handoff, text, from, cancellationToken);
        var (updated, _) = await cases.UpdateAsync(handoff.TicketId, c => c.LastDeliveryError == error ? null : c with { LastDeliveryError = error }, cancellationToken);
        return (error is null, updated ?? handoff with { LastDeliveryError = error });
    }

    private async Task<string?> TrySendAsync(HandoffCase handoff, string text, string? from, CancellationToken cancellationToken)
    {
        if (handoff.Customer is not { } to)
        {
            return "the customer's conversation is not known";
        }

        if (customerChannels.FirstOrDefault(c => string.Equals(c.Name, to.Channel, StringComparison.OrdinalIgnoreCase)) is not { } channel)
        {
            LogNoChannel(handoff.TicketId, to.Channel);
            return $"the {to.Channel} channel is not set up in this host";
        }

        var attempts = options.Value.DeliveryAttempts;
        string? last = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await channel.SendAsync(to, text, from, cancellationToken);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e.Message;
                LogSendFailed(e, handoff.TicketId, to.Channel, attempt, attempts);
                if (attempt < attempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(options.Value.DeliveryRetryDelayMilliseconds), time, cancellationToken);
                }
            }
        }

        return $"{last} (tried {attempts} times, at {time.GetUtcNow():HH:mm} UTC)";
    }

    private static string Delivered(HandoffCase handoff, string headline) =>
        handoff.LastDeliveryError is null ? headline : $"{headline} The customer could not be told: {handoff.LastDeliveryError}";

    private static string Technician(string name) => $"{name} (technician)";

    private static string WithSources(PendingDraft draft) =>
        draft.Citations.Count == 0
            ? draft.Text
            : draft.Text + "\n\nSources:\n" + string.Join("\n", draft.Citations.Select(c => $"[{c.Number}] {c.Title}{(string.IsNullOrWhiteSpace(c.Link) ? "" : $" ({c.Link})")}"));

    /// <summary>The card's action id, plus what was typed: a double click repeats both; a second, different reply from the same card does not.</summary>
    private static string ActionId(CardAction action, string? text)
    {
        var id = action.Get("actionId") ?? $"{action.Verb}:{Guid.NewGuid():N}";
        var typed = text ?? $"{action.Get("status")}|{action.Get("priority")}";
        return $"{id}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(typed)))[..16]}";
    }

    private sealed record Outcome(HandoffCase Case, string? Headline);

    [LoggerMessage(1, LogLevel.Information, "Handoff action {Verb} on {TicketId} by {Technician}")]
    private partial void LogAction(string verb, string ticketId, string technician);

    [LoggerMessage(2, LogLevel.Warning, "Delivery to the customer of {TicketId} in {Channel} failed (attempt {Attempt} of {Attempts})")]
    private partial void LogSendFailed(Exception exception, string ticketId, string channel, int attempt, int attempts);

    [LoggerMessage(3, LogLevel.Error, "No customer channel named {Channel} is registered; nothing can reach the customer of {TicketId}")]
    private partial void LogNoChannel(string ticketId, string channel);

    [LoggerMessage(4, LogLevel.Warning, "Closing {TicketId} from its triage card failed: {Reason}")]
    private partial void LogCloseFailed(string ticketId, string reason);
}
