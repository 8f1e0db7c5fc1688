using MspSupport.Core.Diagnostics;

namespace MspSupport.Core.Memory;

/// <summary>
/// Wraps whichever long-term memory store is configured so that every call is a client span and every failure,
/// throttles apart, counts in the store metrics (see <see cref="StoreCalls"/>).
/// </summary>
public sealed class InstrumentedMemoryStore : IMemoryStore
{
    private readonly IMemoryStore _inner;
    private readonly StoreCalls _calls;

    /// <param name="system">The <c>db.system.name</c> value: <c>sqlite</c> or <c>aws.dynamodb</c>.</param>
    public InstrumentedMemoryStore(IMemoryStore inner, string system)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _calls = new StoreCalls(system, "memories");
    }

    /// <summary>The store being traced.</summary>
    public IMemoryStore Inner => _inner;

    public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public Task PutAsync(MemoryItem item, CancellationToken cancellationToken) =>
        _calls.TraceAsync("put", () => _inner.PutAsync(item, cancellationToken));

    public Task<IReadOnlyList<MemoryItem>> ListByActorAsync(string actorId, CancellationToken cancellationToken) =>
        _calls.TraceAsync("list_by_actor", () => _inner.ListByActorAsync(actorId, cancellationToken),
            (activity, items) => activity.SetTag("mspsupport.store.returned", items.Count));

    public Task<IReadOnlyList<MemoryItem>> ListAsync(string namespacePath, CancellationToken cancellationToken) =>
        _calls.TraceAsync("list", () => _inner.ListAsync(namespacePath, cancellationToken),
            (activity, items) => activity.SetTag("mspsupport.store.returned", items.Count));

    public Task<int> DeleteByActorAsync(string actorId, CancellationToken cancellationToken) =>
        _calls.TraceAsync("delete_by_actor", () => _inner.DeleteByActorAsync(actorId, cancellationToken),
            (activity, deleted) => activity.SetTag("mspsupport.store.returned", deleted));
}
