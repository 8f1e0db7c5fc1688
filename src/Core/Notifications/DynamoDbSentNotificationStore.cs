using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using Items = MspSupport.Core.Memory.DynamoDbSessionItems;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Sent-notification records as items of the sessions table (see <see cref="DynamoDbSessionsTable"/>): key
/// <c>NOTIFIED#{id}</c>, <c>Sent</c>, and <c>ExpiresAt</c> (epoch seconds), which the table's TTL reaps. TTL deletes
/// late, so a claim also takes over a record whose ExpiresAt has passed. No UserId: the item stays out of UserIndex.
/// </summary>
public sealed class DynamoDbSentNotificationStore : ISentNotificationStore
{
    public const string KeyPrefix = "NOTIFIED#";

    private const string Sent = "Sent";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly StorageOptions _storage;

    public DynamoDbSentNotificationStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(storage);
        _dynamo = dynamo;
        _table = storage.Value.DynamoDb.SessionsTable;
        _storage = storage.Value;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDbSessionsTable.EnsureAsync(_dynamo, _storage, cancellationToken);

    public async Task<bool> TryClaimAsync(string notificationId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [Items.SessionId] = Items.Str(KeyPrefix + notificationId),
                    [Sent] = new AttributeValue { BOOL = false },
                    [Items.ExpiresAt] = Seconds(leaseUntil),
                },
                ConditionExpression = "attribute_not_exists(#sid) OR #expires <= :now",
                ExpressionAttributeNames = new() { ["#sid"] = Items.SessionId, ["#expires"] = Items.ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = Seconds(now) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task MarkSentAsync(string notificationId, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        await _dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _table,
            Key = Items.Key(KeyPrefix + notificationId),
            UpdateExpression = "SET #sent = :true, #expires = :until",
            ExpressionAttributeNames = new() { ["#sent"] = Sent, ["#expires"] = Items.ExpiresAt },
            ExpressionAttributeValues = new() { [":true"] = new AttributeValue { BOOL = true }, [":until"] = Seconds(keepUntil) },
        }, cancellationToken);
    }

    public async Task<bool> IsSentAsync(string notificationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Items.Key(KeyPrefix + notificationId),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item
            && item.TryGetValue(Sent, out var sent) && sent.BOOL == true
            && Items.ExpiresAtOf(item) is { } expires && expires > now.ToUnixTimeSeconds();
    }

    public async Task ReleaseAsync(string notificationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        try
        {
            await _dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table,
                Key = Items.Key(KeyPrefix + notificationId),
                ConditionExpression = "#sent = :false",
                ExpressionAttributeNames = new() { ["#sent"] = Sent },
                ExpressionAttributeValues = new() { [":false"] = new AttributeValue { BOOL = false } },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Gone already, or marked sent by then: nothing to give back.
        }
    }

    private static AttributeValue Seconds(DateTimeOffset at) =>
        new() { N = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
}
