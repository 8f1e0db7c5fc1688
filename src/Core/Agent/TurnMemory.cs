using Microsoft.Extensions.Logging;
using MspSupport.Core.Memory;

namespace MspSupport.Core.Agent;

/// <summary>
/// Short-term memory around a turn (load the conversation at the start, save it at the end, retrying on a version
/// conflict) and the caller's long-term memories for the model's system prompt.
/// </summary>
public sealed partial class TurnMemory
{
    private const int MaxSaveAttempts = 4;
    private const int MaxPromptMemories = 15;

    private readonly IConversationStore _conversations;
    private readonly IMemoryStore _memory;
    private readonly TimeProvider _time;
    private readonly ILogger<TurnMemory> _logger;

    public TurnMemory(IConversationStore conversations, IMemoryStore memory, TimeProvider time, ILogger<TurnMemory> logger)
    {
        _conversations = conversations;
        _memory = memory;
        _time = time;
        _logger = logger;
    }

    public Task<Conversation?> LoadAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return _conversations.GetAsync(turn.ConversationId, cancellationToken);
    }

    /// <summary>
    /// Appends this turn's messages and writes the state. On a conflict (another instance saved in between) it reloads
    /// and appends again on top, so neither turn's messages are lost; this turn's state replaces the stored one.
    /// </summary>
    public async Task SaveAsync(Turn turn, Conversation? loaded, TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(context);
        var now = _time.GetUtcNow();
        var added = new List<ConversationMessage> { new("user", UserText(turn), now, turn.Caller.Name) };
        if (context.Said.Length > 0)
        {
            added.Add(new ConversationMessage("assistant", context.Said, now));
        }

        var current = loaded;
        for (var attempt = 0; attempt < MaxSaveAttempts; attempt++)
        {
            if (current is not null && current.UserId != turn.Caller.Key)
            {
                // Someone else's conversation id (a shared channel thread): keep nothing of theirs, and do not overwrite it.
                return;
            }

            // The state is small and about the last thing said; this turn's view of it is the newest.
            var state = new Dictionary<string, string>(context.State.Values, StringComparer.Ordinal);
            var messages = (current?.Messages ?? []).Concat(added).TakeLast(Conversation.MaxMessages).ToList();
            var next = new Conversation
            {
                ConversationId = turn.ConversationId,
                UserId = turn.Caller.Key,
                Messages = messages,
                State = state,
                Version = current?.Version ?? 0,
                UpdatedAt = now,
            };
            if (await _conversations.SaveAsync(next, current?.Version ?? 0, cancellationToken))
            {
                return;
            }

            LogSaveConflict(turn.ConversationId, attempt + 1);
            current = await _conversations.GetAsync(turn.ConversationId, cancellationToken);
        }

        LogSaveGaveUp(turn.ConversationId);
    }

    /// <summary>The caller's facts and preferences, newest first, for the system prompt.</summary>
    public async Task<IReadOnlyList<MemoryItem>> LongTermAsync(string actorId, CancellationToken cancellationToken)
    {
        var items = await _memory.ListByActorAsync(actorId, cancellationToken);
        return items.Where(i => !i.Namespace.StartsWith("/summaries/", StringComparison.Ordinal)).Take(MaxPromptMemories).ToList();
    }

    public Task PutAsync(MemoryItem item, CancellationToken cancellationToken) => _memory.PutAsync(item, cancellationToken);

    private static string UserText(Turn turn) =>
        turn.Text ?? (turn.Action is { } action ? $"[pressed {action.Verb}]" : "");

    [LoggerMessage(1, LogLevel.Debug, "Conversation {ConversationId} changed while saving (attempt {Attempt}); merging and retrying")]
    private partial void LogSaveConflict(string conversationId, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "Conversation {ConversationId} could not be saved after repeated conflicts; this turn is not remembered")]
    private partial void LogSaveGaveUp(string conversationId);
}
