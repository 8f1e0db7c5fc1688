using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using Items = MspSupport.Core.Memory.DynamoDbSessionItems;

namespace MspSupport.Core.Memory;

/// <summary>
/// Conversations as items of the sessions table (see <see cref="DynamoDbSessionsTable"/>), one item each, through
/// the low-level API. Versions are settled by conditional writes, so concurrent instances need no coordination.
/// TTL removes idle conversations eventually (up to days late), so every read also checks ExpiresAt itself.
/// </summary>
public sealed class DynamoDbConversationStore : IConversationStore
{
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly StorageOptions _storage;
    private readonly MemoryOptions _memory;
    private readonly TimeProvider _time;

    public DynamoDbConversationStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> storage, IOptions<MemoryOptions> memory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(time);
        _dynamo = dynamo;
        _table = storage.Value.DynamoDb.SessionsTable;
        _storage = storage.Value;
        _memory = memory.Value;
        _time = time;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDbSessionsTable.EnsureAsync(_dynamo, _storage, cancellationToken);

    public async Task<Conversation?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        if (!IsConversationKey(conversationId))
        {
            return null;
        }

        // Strongly consistent: the next turn must see the messages the previous turn saved.
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Items.Key(conversationId),
            ConsistentRead = true,
        }, cancellationToken);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        return Items.ExpiresAtOf(item) is { } expiresAt && !ConversationRules.IsExpired(expiresAt, _time.GetUtcNow())
            ? Items.ToConversation(item)
            : null;
    }

    public async Task<bool> SaveAsync(Conversation conversation, long expectedVersion, CancellationToken cancellationToken)
    {
        ConversationRules.CheckSave(conversation, expectedVersion);
        if (!IsConversationKey(conversation.ConversationId))
        {
            throw new ArgumentException($"A conversation id cannot start with '{Items.MemoryPrefix}'.", nameof(conversation));
        }

        var now = _time.GetUtcNow();
        var stored = ConversationRules.ForStorage(conversation, expectedVersion, now);
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = Items.ToItem(stored, ConversationRules.ExpiresAt(now, _memory)),
            ExpressionAttributeNames = new() { ["#exp"] = Items.ExpiresAt },
            ExpressionAttributeValues = new() { [":now"] = Items.Number(now.ToUnixTimeSeconds()) },
        };

        // An expired conversation is absent to readers (TTL may not have removed it yet), so a first save may take
        // its place and a save of its last version must fail like a save of a deleted one.
        if (expectedVersion == 0)
        {
            request.ConditionExpression = "attribute_not_exists(#sid) OR #exp <= :now";
            request.ExpressionAttributeNames["#sid"] = Items.SessionId;
        }
        else
        {
            request.ConditionExpression = "#version = :expected AND #exp > :now";
            request.ExpressionAttributeNames["#version"] = Items.Version;
            request.ExpressionAttributeValues[":expected"] = Items.Number(expectedVersion);
        }

        try
        {
            await _dynamo.PutItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<int> DeleteByUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var items = await DynamoDbUserIndex.QueryAsync(
            _dynamo, _table, userId, DynamoDbUserIndex.Kind.Conversations, namespacePath: null, keysOnly: true, cancellationToken);
        var now = _time.GetUtcNow();
        await DynamoDbUserIndex.DeleteAsync(_dynamo, _table, items, cancellationToken);

        // Expired ones are deleted too (TTL may be days behind) but not counted: to a reader they were already gone.
        // On AWS the index lags writes by a moment, so a conversation saved in that moment can survive this call;
        // the caller of "forget me" is expected to stop saving for the user first.
        return items.Count(i => Items.ExpiresAtOf(i) is { } expiresAt && !ConversationRules.IsExpired(expiresAt, now));
    }

    private static bool IsConversationKey(string id) => id.Length > 0 && !Items.IsMemoryKey(id);
}
