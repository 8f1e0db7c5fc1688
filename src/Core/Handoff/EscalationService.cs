using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspSupport.Core.Agent;
using MspSupport.Core.Agent.Deterministic;
using MspSupport.Core.Agent.Intents;
using MspSupport.Core.Agent.Models;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Memory;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Handoff;

/// <summary>
/// Hands a customer's conversation to a technician: reuses the conversation's case or open ticket (or files one as the
/// customer), puts the conversation so far on the ticket as an internal note with the reason, stores the case in
/// technician mode, posts the triage card to the routed Teams channel, and tells the customer. A second request in the
/// same conversation reuses all of it.
/// </summary>
public sealed partial class EscalationService(
    IOptions<HandoffOptions> options,
    HandoffCases cases,
    ITicketOperations tickets,
    IConversationStore conversations,
    AgentModels models,
    IEnumerable<ITriageChannel> triage,
    IOptionsMonitor<IdentityOptions> identity,
    TimeProvider time,
    ILogger<EscalationService> logger)
{
    private const int TranscriptMessages = 12;

    /// <summary>Who writes the assistant's internal notes: staff, because customers may not write internal notes.</summary>
    public static CallerIdentity Assistant { get; } = new()
    {
        Channel = "system",
        UserId = "assistant",
        Role = CallerRole.Technician,
        DisplayName = "Assistant",
    };

    public bool Enabled => options.Value.Enabled;

    public HandoffOptions Options => options.Value;

    public async Task EscalateAsync(TurnContext context, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.Caller;
        if (caller.IsStaff)
        {
            context.Text("Handing a conversation to a technician is for customers; you are on the MSP's side already.");
            return;
        }

        if (!Enabled)
        {
            context.Text("I can't reach a technician live from here, but a ticket gets one to look at it.");
            TicketActions.NewForm(context, context.State.LastQuestion);
            return;
        }

        var existing = await cases.Store.FindByConversationAsync(context.Turn.ConversationId, cancellationToken);
        if (existing is { Closed: false } && existing.RequesterKey == caller.Key &&
            await tickets.GetAsync(caller, existing.TicketId, cancellationToken) is { Succeeded: true, Value.Status: not TicketStatus.Closed })
        {
            await ReuseAsync(context, existing, reason, cancellationToken);
            return;
        }

        var ticket = await TicketForAsync(context, existing, cancellationToken);
        if (ticket is null)
        {
            return;
        }

        await NoteAsync(ticket.TicketId, $"Escalated to a technician. Reason: {reason}\n\n{await TranscriptAsync(context, cancellationToken)}", cancellationToken);
        var now = time.GetUtcNow();
        var handoff = new HandoffCase
        {
            TicketId = ticket.TicketId,
            CustomerId = ticket.CustomerId,
            ConversationId = context.Turn.ConversationId,
            Customer = CurrentConversation.Value,
            RequesterKey = caller.Key,
            RequesterName = caller.Name,
            Mode = HandoffMode.Human,
            Reason = reason,
            Review = Options.IsReviewed(ticket.CustomerId),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!await cases.Store.SaveAsync(handoff, 0, cancellationToken))
        {
            // Another turn of this conversation escalated the same ticket a moment ago: that case stands.
            context.State.Mention(ticket.TicketId);
            context.Text(Told(ticket.TicketId));
            return;
        }

        LogEscalated(ticket.TicketId, handoff.ConversationId, reason);
        await StartThreadAsync(handoff, ticket, cancellationToken);
        context.State.Mention(ticket.TicketId);
        context.Text(Told(ticket.TicketId));
    }

    /// <summary>The ticket as staff see it (internal notes included), for triage cards; null if it is gone.</summary>
    public async Task<Ticket?> StaffViewAsync(string ticketId, CancellationToken cancellationToken)
    {
        var result = await tickets.GetAsync(Assistant, ticketId, cancellationToken);
        return result.Succeeded ? result.Value : null;
    }

    /// <summary>The triage card of a case, refreshing by itself for the technicians who worked it and the MSP's Teams staff.</summary>
    public TriageCard CardFor(HandoffCase handoff, Ticket ticket, string? headline)
    {
        var staff = identity.CurrentValue.Users
            .Where(u => string.Equals(u.Channel, "teams", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(u.UserId) &&
                        Enum.TryParse<CallerRole>(u.Role, ignoreCase: true, out var role) && role >= CallerRole.Technician)
            .Select(u => u.UserId!);
        return TriageCards.For(handoff, ticket, headline, staff);
    }

    /// <summary>Posts a line in the ticket's triage thread and redraws its card; failures are logged, never thrown.</summary>
    public async Task TellTechniciansAsync(HandoffCase handoff, string? message, string? headline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        if (handoff.Triage is not { } thread || triage.FirstOrDefault() is not { } channel)
        {
            return;
        }

        try
        {
            if (message is not null)
            {
                await channel.PostAsync(thread, message, cancellationToken);
            }

            if (await StaffViewAsync(handoff.TicketId, cancellationToken) is { } ticket)
            {
                await channel.UpdateCardAsync(thread, CardFor(handoff, ticket, headline), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTriageFailed(e, handoff.TicketId);
        }
    }

    public Task NoteAsync(string ticketId, string text, CancellationToken cancellationToken) =>
        tickets.AddNoteAsync(Assistant, ticketId, Clip(text, TicketRules.NoteMaxLength), isInternal: true, cancellationToken);

    private async Task ReuseAsync(TurnContext context, HandoffCase existing, string reason, CancellationToken cancellationToken)
    {
        context.State.Mention(existing.TicketId);
        if (existing.Mode == HandoffMode.Human)
        {
            context.Text($"A technician already has this conversation ({existing.TicketId}); they will answer you here.");
            return;
        }

        var (updated, _) = await cases.UpdateAsync(existing.TicketId, c => c with { Mode = HandoffMode.Human, Reason = reason }, cancellationToken);
        await NoteAsync(existing.TicketId, $"Escalated to a technician again. Reason: {reason}", cancellationToken);
        LogEscalated(existing.TicketId, existing.ConversationId, reason);
        if (updated is not null)
        {
            await TellTechniciansAsync(updated, $"{updated.RequesterName} asked for a technician again ({reason}).", "Back with a technician.", cancellationToken);
        }

        context.Text(Told(existing.TicketId));
    }

    private async Task<Ticket?> TicketForAsync(TurnContext context, HandoffCase? closedCase, CancellationToken cancellationToken)
    {
        if (context.State.LastTicket is { } last && last != closedCase?.TicketId &&
            await tickets.GetAsync(context.Caller, last, cancellationToken) is { Succeeded: true, Value: { Status: TicketStatus.Open or TicketStatus.InProgress } open })
        {
            return open;
        }

        var question = context.State.LastQuestion ?? context.Turn.Text ?? "";
        var request = new NewTicketRequest
        {
            Title = question.Length > 0 && IntentParser.Parse(question) is null ? TicketGuess.Title(question) : $"{context.Caller.Name} asked for a technician",
            Description = question,
            Priority = TicketGuess.Priority(question).Name(),
            Category = TicketGuess.Category(question).Name(),
            Source = TicketNames.TryParseSource(context.Caller.Channel, out var source) ? source : TicketSource.Api,
        };
        // One escalation of this conversation files one ticket, however often it is asked for (retries, double clicks).
        var key = "handoff-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{context.Turn.ConversationId}\n{closedCase?.TicketId}")))[..32];
        var created = await tickets.CreateAsync(context.Caller, request, key, cancellationToken);
        if (!created.Succeeded)
        {
            context.Text($"I could not file a ticket for a technician: {created.Message}");
            return null;
        }

        return created.Value;
    }

    private async Task StartThreadAsync(HandoffCase handoff, Ticket ticket, CancellationToken cancellationToken)
    {
        if (triage.FirstOrDefault() is not { } channel)
        {
            LogNoTriageChannel(handoff.TicketId);
            return;
        }

        try
        {
            var staffView = await StaffViewAsync(ticket.TicketId, cancellationToken) ?? ticket;
            var target = Options.Triage.For(ticket.CustomerId, ticket.Category.Name());
            var thread = await channel.StartThreadAsync(target, CardFor(handoff, staffView, $"{handoff.RequesterName} needs a technician."), cancellationToken);
            await cases.UpdateAsync(handoff.TicketId, c => c with { Triage = thread }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTriageFailed(e, handoff.TicketId);
        }
    }

    private async Task<string> TranscriptAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetAsync(context.Turn.ConversationId, cancellationToken);
        var lines = (conversation?.UserId == context.Caller.Key ? conversation.Messages : [])
            .TakeLast(TranscriptMessages)
            .Select(m => $"{Who(m, context.Caller.Name)}: {m.Text}")
            .ToList();
        if (!string.IsNullOrWhiteSpace(context.Turn.Text))
        {
            lines.Add($"{context.Caller.Name}: {context.Turn.Text}");
        }

        var transcript = string.Join("\n", lines);
        if (lines.Count == 0)
        {
            return "(no earlier messages)";
        }

        if (models.Resolve(1) is not { } model)
        {
            return "Last messages:\n" + transcript;
        }

        try
        {
            var summary = await model.Client.GetResponseAsync(
                [
                    new ChatMessage(ChatRole.System, "Summarize this support conversation for the technician taking it over: the problem, what was tried, what the customer wants. At most six short bullet points; no greeting."),
                    new ChatMessage(ChatRole.User, transcript),
                ],
                new ChatOptions { ModelId = model.ModelId, MaxOutputTokens = 400 },
                cancellationToken);
            return $"Summary by the assistant:\n{summary.Text.Trim()}\n\nLast messages:\n{transcript}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSummaryFailed(e, model.ModelId);
            return "Last messages:\n" + transcript;
        }
    }

    private static string Who(ConversationMessage message, string customer) => message.Role switch
    {
        "user" => message.Author ?? customer,
        "assistant" => "Assistant",
        _ => $"{message.Author ?? "Technician"} ({message.Role})",
    };

    private static string Told(string ticketId) =>
        $"I've asked a technician to take over; they will answer you here. Your ticket is {ticketId}.";

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    [LoggerMessage(1, LogLevel.Information, "Conversation {ConversationId} escalated to a technician on {TicketId}: {Reason}")]
    private partial void LogEscalated(string ticketId, string conversationId, string reason);

    [LoggerMessage(2, LogLevel.Error, "The triage card of {TicketId} could not be posted or updated")]
    private partial void LogTriageFailed(Exception exception, string ticketId);

    [LoggerMessage(3, LogLevel.Warning, "No triage channel is registered (Teams is not configured); {TicketId} waits in the ticket queue")]
    private partial void LogNoTriageChannel(string ticketId);

    [LoggerMessage(4, LogLevel.Warning, "Summarizing a conversation with {ModelId} failed; the note has the last messages")]
    private partial void LogSummaryFailed(Exception exception, string modelId);
}
