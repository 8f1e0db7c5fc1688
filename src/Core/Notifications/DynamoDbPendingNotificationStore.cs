using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using Items = MspSupport.Core.Memory.DynamoDbSessionItems;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Pending notifications as items of the sessions table (see <see cref="DynamoDbSessionsTable"/>), next to the sent
/// records: key <c>NOTIFYRETRY#{id}</c>. The deploy templates give that table one index, UserIndex, so every entry
/// carries the fixed UserId <see cref="Partition"/> and the due ones are found with one Query of that partition, never
/// a Scan. User ids in the table are <c>{channel}:{tenant}:{user}</c> keys, so no user's "forget me" or memory listing
/// reaches this partition. The index is eventually consistent: each candidate is read again from the table before it is
/// returned. ExpiresAt (TTL) is a backstop a day after redelivery would give up, for entries no host works off.
/// </summary>
public sealed class DynamoDbPendingNotificationStore : IPendingNotificationStore
{
    public const string KeyPrefix = "NOTIFYRETRY#";

    /// <summary>The UserIndex partition every pending entry sits in.</summary>
    public const string Partition = "NOTIFYRETRY#";

    private const string TicketId = "TicketId";
    private const string Channel = "Channel";
    private const string Version = "Version";
    private const string Headline = "Headline";
    private const string Attempts = "Attempts";
    private const string NextAttemptAt = "NextAttemptAt";
    private const string FirstAttemptAt = "FirstAttemptAt";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly StorageOptions _storage;
    private readonly TimeSpan _keep;

    public DynamoDbPendingNotificationStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> storage, IOptions<NotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        _dynamo = dynamo;
        _table = storage.Value.DynamoDb.SessionsTable;
        _storage = storage.Value;
        _keep = TimeSpan.FromHours(options.Value.RedeliveryMaxAgeHours + 24);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDbSessionsTable.EnsureAsync(_dynamo, _storage, cancellationToken);

    public async Task<bool> AddAsync(PendingNotification entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = ToItem(entry),
                ConditionExpression = "attribute_not_exists(#sid)",
                ExpressionAttributeNames = new() { ["#sid"] = Items.SessionId },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<PendingNotification>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var request = new QueryRequest
        {
            TableName = _table,
            IndexName = DynamoDbSessionsTable.UserIndex,
            KeyConditionExpression = "#uid = :uid",
            FilterExpression = "#next <= :now",
            ExpressionAttributeNames = new() { ["#uid"] = Items.UserId, ["#next"] = NextAttemptAt },
            ExpressionAttributeValues = new() { [":uid"] = Items.Str(Partition), [":now"] = Items.Str(UtcTimestamp.ToText(now)) },
        };
        var candidates = new List<PendingNotification>();
        do
        {
            var response = await _dynamo.QueryAsync(request, cancellationToken);
            candidates.AddRange((response.Items ?? []).Select(ToEntry));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        var due = new List<PendingNotification>();
        foreach (var candidate in candidates.OrderBy(c => c.NextAttemptAt).ThenBy(c => c.NotificationId, StringComparer.Ordinal))
        {
            if (due.Count == limit)
            {
                break;
            }

            if (await GetAsync(candidate.NotificationId, cancellationToken) is { } current && current.NextAttemptAt <= now)
            {
                due.Add(current);
            }
        }

        return due;
    }

    public async Task RescheduleAsync(string notificationId, int attempts, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        try
        {
            await _dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = Items.Key(KeyPrefix + notificationId),
                UpdateExpression = "SET #attempts = :attempts, #next = :next",
                ConditionExpression = "attribute_exists(#sid)",
                ExpressionAttributeNames = new() { ["#sid"] = Items.SessionId, ["#attempts"] = Attempts, ["#next"] = NextAttemptAt },
                ExpressionAttributeValues = new()
                {
                    [":attempts"] = Items.Number(attempts),
                    [":next"] = Items.Str(UtcTimestamp.ToText(nextAttemptAt)),
                },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Removed meanwhile (sent, or given up by another host): an update must not bring it back.
        }
    }

    public async Task RemoveAsync(string notificationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = Items.Key(KeyPrefix + notificationId) }, cancellationToken);
    }

    private async Task<PendingNotification?> GetAsync(string notificationId, CancellationToken cancellationToken)
    {
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Items.Key(KeyPrefix + notificationId),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? ToEntry(item) : null;
    }

    private Dictionary<string, AttributeValue> ToItem(PendingNotification entry) => new(StringComparer.Ordinal)
    {
        [Items.SessionId] = Items.Str(KeyPrefix + entry.NotificationId),
        [Items.UserId] = Items.Str(Partition),
        [TicketId] = Items.Str(entry.TicketId),
        [Channel] = Items.Str(entry.Channel),
        [Version] = Items.Number(entry.Version),
        [Headline] = Items.Str(entry.Headline),
        [Attempts] = Items.Number(entry.Attempts),
        [NextAttemptAt] = Items.Str(UtcTimestamp.ToText(entry.NextAttemptAt)),
        [FirstAttemptAt] = Items.Str(UtcTimestamp.ToText(entry.FirstAttemptAt)),
        [Items.ExpiresAt] = Items.Number((entry.FirstAttemptAt + _keep).ToUnixTimeSeconds()),
    };

    private static PendingNotification ToEntry(Dictionary<string, AttributeValue> item)
    {
        var key = Text(item, Items.SessionId, "?");
        return new PendingNotification
        {
            NotificationId = key[KeyPrefix.Length..],
            TicketId = Text(item, TicketId, key),
            Channel = Text(item, Channel, key),
            Version = Number(item, Version, key),
            Headline = Text(item, Headline, key),
            Attempts = (int)Number(item, Attempts, key),
            NextAttemptAt = Time(item, NextAttemptAt, key),
            FirstAttemptAt = Time(item, FirstAttemptAt, key),
        };
    }

    private static string Text(Dictionary<string, AttributeValue> item, string name, string key) =>
        item.TryGetValue(name, out var value) && value.S is { } s ? s : throw Corrupt(key, name);

    private static long Number(Dictionary<string, AttributeValue> item, string name, string key) =>
        item.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw Corrupt(key, name);

    private static DateTimeOffset Time(Dictionary<string, AttributeValue> item, string name, string key) =>
        UtcTimestamp.TryParse(Text(item, name, key), out var value) ? value : throw Corrupt(key, name);

    // A stored item that does not read back is a bug or a hand edit, not an expected failure.
    private static InvalidDataException Corrupt(string key, string attribute) =>
        new($"DynamoDB sessions item '{key}' is malformed: attribute '{attribute}' is missing or not what it should be.");
}
