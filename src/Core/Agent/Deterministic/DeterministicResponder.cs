using Microsoft.Extensions.Logging;
using MspSupport.Core.Agent.Intents;
using MspSupport.Core.Cards;
using MspSupport.Core.Handoff;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Agent.Deterministic;

/// <summary>Tier 0: answers recognised intents and every card action without a model.</summary>
public sealed partial class DeterministicResponder
{
    private readonly TicketActions _tickets;
    private readonly MemoryActions _memory;
    private readonly ILogger<DeterministicResponder> _logger;
    private readonly EscalationService? _escalation;
    private readonly HandoffDesk? _desk;

    public DeterministicResponder(TicketActions tickets, MemoryActions memory, ILogger<DeterministicResponder> logger, EscalationService? escalation = null, HandoffDesk? desk = null)
    {
        _tickets = tickets;
        _memory = memory;
        _logger = logger;
        _escalation = escalation;
        _desk = desk;
    }

    public Task HandleAsync(TurnContext context, Intent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(intent);
        switch (intent.Kind)
        {
            case IntentKind.Greeting:
            case IntentKind.Help:
                context.Card(WelcomeCards.For(context.Caller, intent.Kind == IntentKind.Greeting));
                return Task.CompletedTask;
            case IntentKind.CreateTicket:
                TicketActions.NewForm(context, intent.Text);
                return Task.CompletedTask;
            case IntentKind.TicketStatus:
                return _tickets.ShowAsync(context, intent.TicketId, cancellationToken);
            case IntentKind.OtherTicket:
                return OtherAsync(context, cancellationToken);
            case IntentKind.ListTickets:
                return _tickets.ListAsync(context, intent.OpenOnly, cancellationToken);
            case IntentKind.CloseTicket:
                return _tickets.SetStatusAsync(context, intent.TicketId, TicketStatus.Closed, cancellationToken);
            case IntentKind.ReopenTicket:
                return _tickets.SetStatusAsync(context, intent.TicketId, TicketStatus.Open, cancellationToken);
            case IntentKind.SetPriority:
                return _tickets.SetPriorityAsync(context, intent.TicketId, intent.Priority ?? TicketPriority.Medium, cancellationToken);
            case IntentKind.AddNote:
                return _tickets.AddNoteAsync(context, intent.TicketId, intent.Text, cancellationToken);
            case IntentKind.AssignToMe:
                return _tickets.AssignToMeAsync(context, intent.TicketId, cancellationToken);
            case IntentKind.AddThatToTicket:
                return AddThatAsync(context, cancellationToken);
            case IntentKind.Remember:
                return _memory.RememberAsync(context, intent.Text!, cancellationToken);
            case IntentKind.Recall:
                return _memory.RecallAsync(context, cancellationToken);
            case IntentKind.ForgetMe:
                return _memory.ForgetAsync(context, cancellationToken);
            case IntentKind.Escalate:
                return EscalateAsync(context, "the customer asked for a technician", cancellationToken);
            default:
                context.Card(WelcomeCards.For(context.Caller, greeting: false));
                return Task.CompletedTask;
        }
    }

    public Task HandleAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var id = action.Get("ticketId");
        switch (action.Verb)
        {
            case CardVerbs.TicketCreate when action.Get("title") is null && !action.Data.ContainsKey("title"):
                TicketActions.NewForm(context, null);
                return Task.CompletedTask;
            case CardVerbs.TicketCreate:
                return _tickets.CreateFromFormAsync(context, action, cancellationToken);
            case CardVerbs.TicketUpdate:
                return _tickets.UpdateFromFormAsync(context, action, cancellationToken);
            case CardVerbs.TicketEdit:
                return _tickets.EditFormAsync(context, id, cancellationToken);
            case CardVerbs.TicketShow:
                return _tickets.ShowAsync(context, id, cancellationToken);
            case CardVerbs.TicketClose:
                return _tickets.SetStatusAsync(context, id, TicketStatus.Closed, cancellationToken);
            case CardVerbs.TicketReopen:
                return _tickets.SetStatusAsync(context, id, TicketStatus.Open, cancellationToken);
            case CardVerbs.TicketAssignToMe:
                return _tickets.AssignToMeAsync(context, id, cancellationToken);
            case CardVerbs.TicketAddNote when action.Get("note") is null:
                context.Text("Type the note in the box on the card, then press Add note.");
                return Task.CompletedTask;
            case CardVerbs.TicketAddNote:
                return _tickets.AddNoteAsync(context, id, action.Get("note"), cancellationToken);
            case CardVerbs.TicketFromAnswer:
                FromAnswer(context);
                return Task.CompletedTask;
            case CardVerbs.Confirm:
                return ConfirmAsync(context, action.Get("pendingId"), cancellationToken);
            case CardVerbs.Cancel:
                context.State.Pending = null;
                context.Text("Cancelled; nothing was changed.");
                return Task.CompletedTask;
            case CardVerbs.Feedback:
                return FeedbackAsync(context, action.Get("helpful") == "yes", cancellationToken);
            case CardVerbs.Escalate:
                return EscalateAsync(context, "the customer pressed \"I need a human\"", cancellationToken);
            case { } verb when verb.StartsWith(CardVerbs.HandoffPrefix, StringComparison.Ordinal) && _desk is not null:
                return _desk.HandleAsync(context, action, cancellationToken);
            case CardVerbs.Help:
                context.Card(WelcomeCards.For(context.Caller, greeting: false));
                return Task.CompletedTask;
            default:
                context.Text("I don't know that button. It may come from an older card; say \"help\" to see what I can do.");
                return Task.CompletedTask;
        }
    }

    private Task EscalateAsync(TurnContext context, string reason, CancellationToken cancellationToken)
    {
        if (_escalation is null)
        {
            context.Text("I can't reach a technician live from here, but a ticket gets one to look at it.");
            TicketActions.NewForm(context, context.State.LastQuestion);
            return Task.CompletedTask;
        }

        context.State.NotHelpfulCount = 0;
        return _escalation.EscalateAsync(context, reason, cancellationToken);
    }

    private Task FeedbackAsync(TurnContext context, bool helpful, CancellationToken cancellationToken)
    {
        LogFeedback(context.Turn.ConversationId, helpful);
        context.Text("Thanks for the feedback.");
        context.State.NotHelpfulCount = helpful ? context.State.NotHelpfulCount : context.State.NotHelpfulCount + 1;
        var limit = _escalation?.Options.NotHelpfulLimit ?? int.MaxValue;
        return _escalation is { Enabled: true } && !context.Caller.IsStaff && context.State.NotHelpfulCount >= limit
            ? EscalateAsync(context, $"{limit} answers in a row were marked not helpful", cancellationToken)
            : Task.CompletedTask;
    }

    private Task OtherAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.State.PreviousTicket is not { } other)
        {
            context.Text("I only know of one ticket in this conversation. Give me the other one's id, or say \"list my tickets\".");
            return Task.CompletedTask;
        }

        return _tickets.ShowAsync(context, other, cancellationToken);
    }

    private Task AddThatAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.State.LastAnswer is not { } answer)
        {
            context.Text("There is no answer of mine to add yet. Say \"add a note to TKT-…: your text\" instead.");
            return Task.CompletedTask;
        }

        return _tickets.AddNoteAsync(context, null, answer, cancellationToken);
    }

    private static void FromAnswer(TurnContext context)
    {
        var question = context.State.LastQuestion ?? "";
        var answer = context.State.LastAnswer;
        var form = TicketCards.NewForm(context.Caller, TicketGuess.Title(question), answer is null ? question : $"{question}\n\nSuggested answer:\n{answer}",
            TicketGuess.Priority(question), TicketGuess.Category(question));
        context.Text("Here is a ticket based on your question. Check it and press Create.");
        context.Card(form with { Actions = [new CardButton("Create ticket", CardVerbs.TicketCreate, new Dictionary<string, string> { ["formId"] = Guid.NewGuid().ToString("N") })] });
    }

    private Task ConfirmAsync(TurnContext context, string? pendingId, CancellationToken cancellationToken)
    {
        var pending = context.State.Pending;
        if (pending is null || pending.Id != pendingId)
        {
            context.Text("That confirmation has expired or was already used, so nothing changed. Ask again if you still want the change.");
            return Task.CompletedTask;
        }

        context.State.Pending = null;
        return _tickets.ApplyAsync(context, pending, cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Answer feedback in {ConversationId}: helpful={Helpful}")]
    private partial void LogFeedback(string conversationId, bool helpful);
}
