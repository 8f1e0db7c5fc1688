using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using MspSupport.Core.Agent.Deterministic;
using MspSupport.Core.Agent.Routing;
using MspSupport.Core.Diagnostics;
using MspSupport.Core.Handoff;
using MspSupport.Core.Memory;

namespace MspSupport.Core.Agent;

/// <summary>
/// The agent core: loads the conversation, routes the turn (tier 0, cheap or capable model, or the extractive
/// answer), streams the events, records the route and saves the conversation. Failures end in a friendly message.
/// </summary>
public sealed partial class SupportAgent : IAgent
{
    private readonly Router _router;
    private readonly DeterministicResponder _tier0;
    private readonly ExtractiveAnswerer _extractive;
    private readonly ModelResponder _models;
    private readonly TurnMemory _memory;
    private readonly MemoryExtractor _extractor;
    private readonly FileIntake _files;
    private readonly TimeProvider _time;
    private readonly ILogger<SupportAgent> _logger;
    private readonly HandoffGate? _handoff;

    public SupportAgent(
        Router router, DeterministicResponder tier0, ExtractiveAnswerer extractive, ModelResponder models,
        TurnMemory memory, MemoryExtractor extractor, FileIntake files, TimeProvider time, ILogger<SupportAgent> logger, HandoffGate? handoff = null)
    {
        _handoff = handoff;
        _router = router;
        _tier0 = tier0;
        _extractive = extractive;
        _models = models;
        _memory = memory;
        _extractor = extractor;
        _files = files;
        _time = time;
        _logger = logger;
    }

    public async IAsyncEnumerable<AgentEvent> RunAsync(Turn turn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        yield return new TypingEvent();
        var failed = new StreamFault();
        await foreach (var item in StreamFault.CatchAsync(RunCoreAsync(turn, cancellationToken), failed, cancellationToken))
        {
            yield return item;
        }

        if (failed.Exception is { } exception)
        {
            LogTurnFailed(exception, turn.ConversationId, turn.Caller.Channel);
            yield return new TextEvent(FriendlyFailure.For(exception));
        }
    }

    private async IAsyncEnumerable<AgentEvent> RunCoreAsync(Turn turn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var conversation = await _memory.LoadAsync(turn, cancellationToken);
        var ownConversation = conversation is null || conversation.UserId == turn.Caller.Key ? conversation : null;
        var context = new TurnContext(turn, ConversationState.From(ownConversation));
        var usage = new ModelUsage();
        var ticketAtStart = context.State.LastTicket;
        RouteDecision decision;

        if (_handoff is not null && await _handoff.BeforeAsync(context, cancellationToken))
        {
            decision = new RouteDecision(0, "handoff: a technician has this conversation");
        }
        else if (turn.Action is { } action)
        {
            decision = new RouteDecision(0, $"card action: {action.Verb}");
            await _tier0.HandleAsync(context, action, cancellationToken);
        }
        else if (string.IsNullOrWhiteSpace(turn.Text) && turn.Files.Count > 0)
        {
            decision = new RouteDecision(0, "files only");
        }
        else if (string.IsNullOrWhiteSpace(turn.Text))
        {
            decision = new RouteDecision(0, "empty message");
            context.Text("I didn't catch anything there. Type your question, or say \"help\" to see what I can do.");
        }
        else if ((decision = _router.Decide(turn.Text)).Intent is { } intent)
        {
            await _tier0.HandleAsync(context, intent, cancellationToken);
        }
        else if (_models.IsConfigured)
        {
            var fault = new StreamFault();
            var answer = _models.AnswerAsync(context, decision.Tier, turn.Text, ownConversation, usage, cancellationToken);
            await foreach (var item in StreamFault.CatchAsync(answer, fault, cancellationToken))
            {
                yield return item;
            }

            if (fault.Exception is { } exception)
            {
                LogModelFailed(exception, usage.ModelId ?? "(none)", decision.Tier);
                AssistantTelemetry.ModelErrors.Add(1, new KeyValuePair<string, object?>("gen_ai.request.model", usage.ModelId), new KeyValuePair<string, object?>("error.type", exception.GetType().Name));
                usage = new ModelUsage();
                context.Notice(FriendlyFailure.ModelNotice(exception));
                await _extractive.AnswerAsync(context, turn.Text, cancellationToken);
            }
            else
            {
                await _extractor.ExtractAsync(turn, ownConversation, context, cancellationToken);
            }
        }
        else
        {
            await _extractive.AnswerAsync(context, turn.Text, cancellationToken);
        }

        if (_handoff is not null)
        {
            await _handoff.AfterAsync(context, cancellationToken);
        }

        await _files.HandleAsync(context, ticketAtStart, cancellationToken);
        foreach (var item in context.Drain())
        {
            yield return item;
        }

        var conversationCost = context.State.AddCost(usage.EstimatedCost);
        if (!context.Forgotten)
        {
            await SaveConversationAsync(turn, ownConversation, context, cancellationToken);
        }

        var record = new RouteRecord(usage.Tier ?? 0, decision.Tier, decision.Reason, usage.ModelId, usage.InputTokens, usage.OutputTokens,
            usage.EstimatedCost, _time.GetElapsedTime(started).TotalMilliseconds, conversationCost);
        LogRoute(record.Tier, record.RequestedTier, record.Reason, record.ModelId, record.InputTokens, record.OutputTokens, record.EstimatedCost, record.LatencyMs);
        Activity.Current?.SetTag("agent.tier", record.Tier);
        yield return new RouteEvent(record);
    }

    /// <summary>
    /// The turn's replies are out by now, and what they say is done (a ticket filed, a note added) is saved: a store
    /// that is throttled or down for the conversation's own record must not be followed by "nothing was saved". The
    /// turn is then not remembered; the store metrics count the failure.
    /// </summary>
    private async Task SaveConversationAsync(Turn turn, Conversation? loaded, TurnContext context, CancellationToken cancellationToken)
    {
        try
        {
            await _memory.SaveAsync(turn, loaded, context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogConversationNotSaved(e, turn.ConversationId);
        }
    }

    [LoggerMessage(4, LogLevel.Warning, "Conversation {ConversationId} could not be saved after the turn was answered; this turn is not remembered")]
    private partial void LogConversationNotSaved(Exception exception, string conversationId);

    [LoggerMessage(1, LogLevel.Error, "Turn failed in {ConversationId} from {Channel}; the user got a friendly message")]
    private partial void LogTurnFailed(Exception exception, string conversationId, string channel);

    [LoggerMessage(2, LogLevel.Warning, "Model {ModelId} failed for a tier {Tier} turn; answering with the extractive answer")]
    private partial void LogModelFailed(Exception exception, string modelId, int tier);

    [LoggerMessage(3, LogLevel.Information, "Route: tier {Tier} (requested {RequestedTier}) because {Reason}; model {ModelId}, tokens {InputTokens}/{OutputTokens}, cost {Cost}, {LatencyMs} ms")]
    private partial void LogRoute(int tier, int requestedTier, string reason, string? modelId, long inputTokens, long outputTokens, decimal cost, double latencyMs);
}
