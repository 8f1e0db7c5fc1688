namespace MspSupport.Core.Memory;

/// <summary>Long-term memory per actor. Implementations: SQLite (embedded) and DynamoDB <c>Sessions</c> (items found by UserIndex).</summary>
public interface IMemoryStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces the item with the same namespace and id.</summary>
    Task PutAsync(MemoryItem item, CancellationToken cancellationToken);

    /// <summary>Every memory of <paramref name="actorId"/> across namespaces, newest first.</summary>
    Task<IReadOnlyList<MemoryItem>> ListByActorAsync(string actorId, CancellationToken cancellationToken);

    /// <summary>The items of one namespace path, newest first.</summary>
    Task<IReadOnlyList<MemoryItem>> ListAsync(string namespacePath, CancellationToken cancellationToken);

    /// <summary>Deletes every memory of <paramref name="actorId"/> ("forget me"); returns how many.</summary>
    Task<int> DeleteByActorAsync(string actorId, CancellationToken cancellationToken);
}
