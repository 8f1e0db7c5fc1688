using MspSupport.Core.Memory;

namespace MspSupport.Core.Agent.Deterministic;

/// <summary>
/// "remember that …", "what do you remember about me?" and "forget me". Available in every mode, with or without a
/// model; only the caller's own memories (namespaces keyed by <see cref="Identity.CallerIdentity.Key"/>) are touched.
/// </summary>
public sealed class MemoryActions
{
    private readonly IMemoryStore _memory;
    private readonly IConversationStore _conversations;
    private readonly TimeProvider _time;

    public MemoryActions(IMemoryStore memory, IConversationStore conversations, TimeProvider time)
    {
        _memory = memory;
        _conversations = conversations;
        _time = time;
    }

    public async Task RememberAsync(TurnContext context, string fact, CancellationToken cancellationToken)
    {
        var actor = context.Caller.Key;
        await _memory.PutAsync(new MemoryItem
        {
            Namespace = MemoryNamespaces.Facts(actor),
            Id = Guid.NewGuid().ToString("N"),
            ActorId = actor,
            Text = fact,
            At = _time.GetUtcNow(),
        }, cancellationToken);
        context.Text($"Got it, I'll remember that {fact}. Say \"forget me\" any time to erase what I keep about you.");
    }

    public async Task RecallAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var items = await _memory.ListByActorAsync(context.Caller.Key, cancellationToken);
        var kept = items.Where(i => !i.Namespace.StartsWith("/summaries/", StringComparison.Ordinal)).Take(20).ToList();
        var summaries = items.Count - items.Count(i => !i.Namespace.StartsWith("/summaries/", StringComparison.Ordinal));
        if (items.Count == 0)
        {
            context.Text("I don't keep anything about you yet. Say \"remember that …\" to tell me something worth keeping.");
            return;
        }

        var lines = kept.Select(i => "• " + i.Text);
        var tail = summaries > 0 ? $"\nI also keep {summaries} short summary(ies) of earlier conversations." : "";
        context.Text("Here is what I remember about you:\n" + string.Join("\n", lines) + tail + "\nSay \"forget me\" to erase all of it.");
    }

    public async Task ForgetAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var memories = await _memory.DeleteByActorAsync(context.Caller.Key, cancellationToken);
        var conversations = await _conversations.DeleteByUserAsync(context.Caller.Key, cancellationToken);
        context.MarkForgotten();
        context.Text($"Done. I erased {memories} memory item(s) and {conversations} conversation(s) of yours. Tickets stay, because your MSP needs them.");
    }
}
