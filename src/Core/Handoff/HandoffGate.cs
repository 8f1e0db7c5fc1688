using Microsoft.Extensions.Logging;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Memory;

namespace MspSupport.Core.Handoff;

/// <summary>
/// The handoff's hooks in the agent's turn. Before routing: while a technician has the conversation, the customer's
/// messages go to the triage thread and the assistant stays quiet (for review customers it drafts an answer for the
/// technician instead); a frustrated customer is handed over. After answering: a question the knowledge base could
/// not answer (nothing found, or a score below <c>Handoff:MinAnswerScore</c>) is handed over, whether the extractive
/// answer or a model's knowledge search found it so.
/// </summary>
public sealed partial class HandoffGate(
    EscalationService escalation,
    HandoffCases cases,
    IEnumerable<ITriageChannel> triage,
    IConversationStore conversations,
    ExtractiveAnswerer extractive,
    ModelResponder models,
    ILogger<HandoffGate> logger)
{
    /// <summary>True when the turn was handled here and the agent must not answer it.</summary>
    public async Task<bool> BeforeAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!escalation.Enabled || context.Caller.IsStaff || context.Turn.Action is not null)
        {
            return false;
        }

        var handoff = await cases.Store.FindByConversationAsync(context.Turn.ConversationId, cancellationToken);
        if (handoff is { Mode: HandoffMode.Human, Closed: false } && handoff.RequesterKey == context.Caller.Key)
        {
            await RelayAsync(context, handoff, cancellationToken);
            return true;
        }

        if (FrustrationSignal.IsFrustrated(context.Turn.Text))
        {
            await escalation.EscalateAsync(context, "the customer sounds frustrated", cancellationToken);
            return true;
        }

        return false;
    }

    /// <summary>The assistant's own decision after it answered: hand over what it could not answer.</summary>
    public async Task AfterAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!escalation.Enabled || context.Caller.IsStaff || context.BestKnowledgeScore is not { } score)
        {
            return;
        }

        if (score <= 0)
        {
            await escalation.EscalateAsync(context, "the knowledge base has nothing relevant", cancellationToken);
        }
        else if (score < escalation.Options.MinAnswerScore)
        {
            await escalation.EscalateAsync(context, $"the best knowledge-base match scored {score:0.####}, below {escalation.Options.MinAnswerScore:0.####}", cancellationToken);
        }
    }

    private async Task RelayAsync(TurnContext context, HandoffCase handoff, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        var files = turn.Files.Count == 0 ? "" : $"\n(sent {string.Join(", ", turn.Files.Select(f => f.FileName))}; the files go onto the ticket)";
        var message = $"{context.Caller.Name}: {turn.Text}{files}";
        var draft = handoff.Review && !string.IsNullOrWhiteSpace(turn.Text) ? await DraftAsync(context, turn.Text, cancellationToken) : null;
        if (draft is not null)
        {
            var (updated, _) = await cases.UpdateAsync(handoff.TicketId, c => c with { Draft = draft }, cancellationToken);
            handoff = updated ?? handoff;
            message += "\n\nThe assistant drafted an answer; approve, edit or reject it on the ticket card.";
        }

        if (handoff.Triage is not { } thread || triage.FirstOrDefault() is not { } channel)
        {
            LogNotRelayed(handoff.TicketId);
            context.Text($"Your message is saved with ticket {handoff.TicketId}; a technician will read it there.");
            return;
        }

        try
        {
            await channel.PostAsync(thread, message, cancellationToken);
            if (draft is not null && await escalation.StaffViewAsync(handoff.TicketId, cancellationToken) is { } ticket)
            {
                await channel.UpdateCardAsync(thread, escalation.CardFor(handoff, ticket, "Draft waiting for review."), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRelayFailed(e, handoff.TicketId);
            context.Text("I couldn't pass that on to the technician just now. Please send it again in a minute.");
        }
    }

    /// <summary>The answer the assistant would have given, produced but not sent.</summary>
    private async Task<PendingDraft?> DraftAsync(TurnContext context, string question, CancellationToken cancellationToken)
    {
        var scratch = new TurnContext(context.Turn, new ConversationState(context.State.Values));
        var text = new List<string>();
        var citations = new List<NumberedCitation>();
        if (models.IsConfigured)
        {
            var conversation = await conversations.GetAsync(context.Turn.ConversationId, cancellationToken);
            await foreach (var item in models.AnswerAsync(scratch, 1, question, conversation, new ModelUsage(), cancellationToken))
            {
                Collect(item, text, citations);
            }
        }
        else
        {
            await extractive.AnswerAsync(scratch, question, cancellationToken);
        }

        foreach (var item in scratch.Drain())
        {
            Collect(item, text, citations);
        }

        return text.Count == 0 || scratch.BestKnowledgeScore is <= 0
            ? null
            : new PendingDraft(Guid.NewGuid().ToString("N"), string.Join("\n\n", text), citations, question);
    }

    private static void Collect(AgentEvent item, List<string> text, List<NumberedCitation> citations)
    {
        switch (item)
        {
            case TextEvent t:
                text.Add(t.Text);
                break;
            case CardEvent { Card: AnswerCard answer }:
                text.Add(answer.Text);
                citations.AddRange(answer.Citations.Where(c => citations.All(k => k.Number != c.Number)));
                break;
            case CitationsEvent cited:
                citations.AddRange(cited.Citations.Where(c => citations.All(k => k.Number != c.Number)));
                break;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "A customer message on {TicketId} could not be relayed to the triage thread")]
    private partial void LogRelayFailed(Exception exception, string ticketId);

    [LoggerMessage(2, LogLevel.Information, "{TicketId} has no triage thread; the customer's message stays in the conversation and on the ticket")]
    private partial void LogNotRelayed(string ticketId);
}
