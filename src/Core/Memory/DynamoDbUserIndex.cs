using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Items = MspSupport.Core.Memory.DynamoDbSessionItems;

namespace MspSupport.Core.Memory;

/// <summary>
/// Reads everything of one user through the sessions table's UserIndex, page by page. Never a Scan: the cost of
/// "forget me" or a memory listing grows with that user's items, not with the table.
/// </summary>
internal static class DynamoDbUserIndex
{
    /// <summary>Which of the user's items to return: the table holds conversations and memories side by side.</summary>
    public enum Kind
    {
        Conversations,
        Memories,
    }

    /// <param name="namespacePath">With <see cref="Kind.Memories"/>: only the memories of this namespace.</param>
    /// <param name="keysOnly">Return only the key and expiry of each item (enough to delete or count it).</param>
    public static async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(
        IAmazonDynamoDB dynamo,
        string table,
        string userId,
        Kind kind,
        string? namespacePath,
        bool keysOnly,
        CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        if (userId.Length == 0)
        {
            return items; // an empty string cannot be an index key, so nothing can be stored under it
        }

        var request = new QueryRequest
        {
            TableName = table,
            IndexName = DynamoDbSessionsTable.UserIndex,
            KeyConditionExpression = "#uid = :uid",
            // SessionId is the table's key, not the index's, so a filter may read it.
            FilterExpression = kind == Kind.Memories ? "begins_with(#sid, :memory)" : "NOT begins_with(#sid, :memory)",
            ExpressionAttributeNames = new() { ["#uid"] = Items.UserId, ["#sid"] = Items.SessionId },
            ExpressionAttributeValues = new()
            {
                [":uid"] = Items.Str(userId),
                [":memory"] = Items.Str(Items.MemoryPrefix),
            },
        };
        if (namespacePath is not null)
        {
            request.FilterExpression += " AND #ns = :ns";
            request.ExpressionAttributeNames["#ns"] = Items.Namespace;
            request.ExpressionAttributeValues[":ns"] = Items.Str(namespacePath);
        }

        if (keysOnly)
        {
            request.ProjectionExpression = "#sid, #exp";
            request.ExpressionAttributeNames["#exp"] = Items.ExpiresAt;
        }

        do
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    /// <summary>Deletes the items by key, one by one: "forget me" is rare and small, and needs no retry bookkeeping.</summary>
    public static async Task DeleteAsync(IAmazonDynamoDB dynamo, string table, IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = table,
                Key = Items.Key(item[Items.SessionId].S),
            }, cancellationToken);
        }
    }
}
