using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using Items = MspSupport.Core.Memory.DynamoDbSessionItems;

namespace MspSupport.Core.Memory;

/// <summary>
/// Long-term memories as items of the sessions table (see <see cref="DynamoDbSessionsTable"/>): key
/// <c>MEMORY#{namespace}#{id}</c>, UserId = the actor, no ExpiresAt. Every read goes through UserIndex, so even a
/// namespace listing starts from the actor its path names; the index is eventually consistent on AWS, so a memory
/// written a moment ago may be missing from a listing for a moment.
/// </summary>
public sealed class DynamoDbMemoryStore : IMemoryStore
{
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly StorageOptions _storage;

    public DynamoDbMemoryStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(storage);
        _dynamo = dynamo;
        _table = storage.Value.DynamoDb.SessionsTable;
        _storage = storage.Value;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDbSessionsTable.EnsureAsync(_dynamo, _storage, cancellationToken);

    public async Task PutAsync(MemoryItem item, CancellationToken cancellationToken)
    {
        MemoryItemRules.CheckPut(item);
        await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = Items.ToItem(item) }, cancellationToken);
    }

    public async Task<IReadOnlyList<MemoryItem>> ListByActorAsync(string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actorId);
        var items = await DynamoDbUserIndex.QueryAsync(
            _dynamo, _table, actorId, DynamoDbUserIndex.Kind.Memories, namespacePath: null, keysOnly: false, cancellationToken);
        return NewestFirst(items);
    }

    public async Task<IReadOnlyList<MemoryItem>> ListAsync(string namespacePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespacePath);
        // A path that names no actor can hold no memories: PutAsync refuses such namespaces.
        if (!MemoryItemRules.TryGetActor(namespacePath, out var actorId))
        {
            return [];
        }

        var items = await DynamoDbUserIndex.QueryAsync(
            _dynamo, _table, actorId, DynamoDbUserIndex.Kind.Memories, namespacePath, keysOnly: false, cancellationToken);
        return NewestFirst(items);
    }

    public async Task<int> DeleteByActorAsync(string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actorId);
        var items = await DynamoDbUserIndex.QueryAsync(
            _dynamo, _table, actorId, DynamoDbUserIndex.Kind.Memories, namespacePath: null, keysOnly: true, cancellationToken);
        await DynamoDbUserIndex.DeleteAsync(_dynamo, _table, items, cancellationToken);
        return items.Count;
    }

    private static List<MemoryItem> NewestFirst(List<Dictionary<string, AttributeValue>> items)
    {
        var memories = items.Select(Items.ToMemory).ToList();
        memories.Sort(MemoryItemRules.NewestFirst);
        return memories;
    }
}
