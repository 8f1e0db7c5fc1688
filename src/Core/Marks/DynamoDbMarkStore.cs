using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using Items = MspSupport.Core.Memory.DynamoDbSessionItems;

namespace MspSupport.Core.Marks;

/// <summary>
/// Marks as items of the sessions table: key <c>MARK#{key}</c> and <c>ExpiresAt</c> (epoch seconds, the table's
/// TTL attribute, rounded up so a mark lives at least as long as asked). A claim is a conditional PutItem that
/// succeeds only when no item is there or the one there has expired (TTL deletes expired items late, up to days).
/// No UserId: marks stay out of UserIndex and the "forget me" listings.
/// </summary>
public sealed class DynamoDbMarkStore : IMarkStore
{
    public const string KeyPrefix = "MARK#";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly StorageOptions _storage;
    private readonly string _table;
    private readonly TimeProvider _time;

    public DynamoDbMarkStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> storage, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        _dynamo = dynamo;
        _storage = storage.Value;
        _table = _storage.DynamoDb.SessionsTable;
        _time = time;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDbSessionsTable.EnsureAsync(_dynamo, _storage, cancellationToken);

    public async Task<bool> TryClaimAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = _time.GetUtcNow();
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = ToItem(key, now, lifetime),
                ConditionExpression = "attribute_not_exists(#sid) OR #expires <= :now",
                ExpressionAttributeNames = new() { ["#sid"] = Items.SessionId, ["#expires"] = Items.ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = Items.Number(now.ToUnixTimeSeconds()) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task SetAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = ToItem(key, _time.GetUtcNow(), lifetime) }, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Items.Key(KeyPrefix + key),
            ConsistentRead = true,
            ProjectionExpression = "#expires",
            ExpressionAttributeNames = new() { ["#expires"] = Items.ExpiresAt },
        }, cancellationToken);
        return response.Item is { Count: > 0 } item && Items.ExpiresAtOf(item) > _time.GetUtcNow().ToUnixTimeSeconds();
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = Items.Key(KeyPrefix + key) }, cancellationToken);
    }

    private static Dictionary<string, AttributeValue> ToItem(string key, DateTimeOffset now, TimeSpan lifetime) => new(StringComparer.Ordinal)
    {
        [Items.SessionId] = Items.Str(KeyPrefix + key),
        [Items.ExpiresAt] = new AttributeValue { N = ExpiresAt(now, lifetime).ToString(CultureInfo.InvariantCulture) },
    };

    private static long ExpiresAt(DateTimeOffset now, TimeSpan lifetime)
    {
        var milliseconds = (now + lifetime).ToUnixTimeMilliseconds();
        return (milliseconds + 999) / 1000;
    }
}
