using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

using MspSupport.Core.Storage;

namespace MspSupport.Core.Memory;

/// <summary>
/// The shape of the DynamoDB sessions table (the seed's design): key SessionId, a global index UserIndex on UserId
/// that finds everything of one user for "forget me", and TTL on ExpiresAt (epoch seconds). Conversations and
/// long-term memories share it. Created from <see cref="CreateRequest"/> when asked to, by the stores and the tests
/// alike, so the schema the tests exercise is the one production gets.
/// </summary>
public static class DynamoDbSessionsTable
{
    public const string UserIndex = "UserIndex";

    private const string Setting = "Storage:DynamoDb:SessionsTable";

    /// <summary>
    /// Makes sure the table exists with its index: creates it when missing and <paramref name="create"/> is set (local
    /// peers, first run), then turns TTL on; otherwise fails with a message naming the setting.
    /// <paramref name="localPeer"/> (a ServiceUrl is configured) lets a peer that has no TTL, such as dynalite, refuse it.
    /// </summary>
    public static async Task EnsureAsync(IAmazonDynamoDB dynamo, string tableName, bool create, bool localPeer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        await DynamoDbTableBootstrap.EnsureAsync(dynamo, CreateRequest(tableName), Setting, create, cancellationToken);
        if (create)
        {
            // Checked on every start, not only after creating: a start that died between the two calls must not
            // leave a table whose conversations are never reaped.
            await DynamoDbTableBootstrap.EnableTimeToLiveAsync(dynamo, tableName, DynamoDbSessionItems.ExpiresAt, Setting, localPeer, cancellationToken);
        }
    }

    /// <summary>The same, with the table, creation and local-peer settings read from <paramref name="storage"/>.</summary>
    public static Task EnsureAsync(IAmazonDynamoDB dynamo, StorageOptions storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var settings = storage.DynamoDb;
        return EnsureAsync(dynamo, settings.SessionsTable, settings.CreateTables, !string.IsNullOrWhiteSpace(settings.ServiceUrl), cancellationToken);
    }

    public static CreateTableRequest CreateRequest(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new AttributeDefinition(DynamoDbSessionItems.SessionId, ScalarAttributeType.S),
                new AttributeDefinition(DynamoDbSessionItems.UserId, ScalarAttributeType.S),
            ],
            KeySchema = [new KeySchemaElement(DynamoDbSessionItems.SessionId, KeyType.HASH)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = UserIndex,
                    KeySchema = [new KeySchemaElement(DynamoDbSessionItems.UserId, KeyType.HASH)],
                    // Listing an actor's memories reads whole items from the index; no GetItem per item.
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        };
    }
}
