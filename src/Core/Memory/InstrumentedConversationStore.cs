using MspSupport.Core.Diagnostics;

namespace MspSupport.Core.Memory;

/// <summary>
/// Wraps whichever conversation store is configured so that every call is a client span and every failure, throttles
/// apart, counts in the store metrics (see <see cref="StoreCalls"/>). Disposing it disposes the store it wraps (the
/// container sees only the wrapper).
/// </summary>
public sealed class InstrumentedConversationStore : IConversationStore, IDisposable
{
    private readonly IConversationStore _inner;
    private readonly StoreCalls _calls;

    /// <param name="system">The <c>db.system.name</c> value: <c>sqlite</c> or <c>aws.dynamodb</c>.</param>
    public InstrumentedConversationStore(IConversationStore inner, string system)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _calls = new StoreCalls(system, "conversations");
    }

    /// <summary>The store being traced.</summary>
    public IConversationStore Inner => _inner;

    public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public Task<Conversation?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        _calls.TraceAsync("get", () => _inner.GetAsync(conversationId, cancellationToken));

    public Task<bool> SaveAsync(Conversation conversation, long expectedVersion, CancellationToken cancellationToken) =>
        _calls.TraceAsync("save", () => _inner.SaveAsync(conversation, expectedVersion, cancellationToken),
            (activity, saved) => activity.SetTag("mspsupport.store.outcome", saved ? "Saved" : "Conflict"));

    public Task<int> DeleteByUserAsync(string userId, CancellationToken cancellationToken) =>
        _calls.TraceAsync("delete_by_user", () => _inner.DeleteByUserAsync(userId, cancellationToken),
            (activity, deleted) => activity.SetTag("mspsupport.store.returned", deleted));

    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
