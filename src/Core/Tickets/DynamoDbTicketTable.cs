using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

using MspSupport.Core.Storage;

namespace MspSupport.Core.Tickets;

/// <summary>
/// The shape of the DynamoDB tickets table (the seed's design): key TicketId, two global indexes that keep each
/// customer's and each status's tickets ordered by creation time, and TTL on ExpiresAt for idempotency records. The store creates the table from
/// <see cref="CreateRequest"/> when asked to, and tests create theirs through the same path, so the schema
/// the tests exercise is the one production gets.
/// </summary>
public static class DynamoDbTicketTable
{
    public const string CustomerIndex = "CustomerIndex";
    public const string StatusIndex = "StatusIndex";

    /// <summary>The TTL attribute (epoch seconds). Only idempotency records carry it; tickets never expire.</summary>
    public const string TimeToLiveAttribute = DynamoDbTicketItems.ExpiresAt;

    private const string Setting = "Storage:DynamoDb:TicketsTable";

    /// <summary>
    /// Makes sure the table exists with its indexes: creates it when missing and <paramref name="create"/> is set
    /// (local peers), then turns TTL on for idempotency records (<see cref="DynamoDbTicketItems.ExpiresAt"/>); otherwise
    /// fails with a message naming the setting. <paramref name="localPeer"/> lets a peer without TTL (dynalite) decline.
    /// </summary>
    public static async Task EnsureAsync(IAmazonDynamoDB dynamo, string tableName, bool create, bool localPeer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        await DynamoDbTableBootstrap.EnsureAsync(dynamo, CreateRequest(tableName), Setting, create, cancellationToken);
        if (create)
        {
            // On AWS (create off) the infrastructure stack turns TTL on; tables made here get it from this call.
            await DynamoDbTableBootstrap.EnableTimeToLiveAsync(dynamo, tableName, DynamoDbTicketItems.ExpiresAt, Setting, localPeer, cancellationToken);
        }
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
                new AttributeDefinition(DynamoDbTicketItems.TicketId, ScalarAttributeType.S),
                new AttributeDefinition(DynamoDbTicketItems.CustomerId, ScalarAttributeType.S),
                new AttributeDefinition(DynamoDbTicketItems.Status, ScalarAttributeType.S),
                new AttributeDefinition(DynamoDbTicketItems.CreatedAt, ScalarAttributeType.S),
            ],
            KeySchema = [new KeySchemaElement(DynamoDbTicketItems.TicketId, KeyType.HASH)],
            GlobalSecondaryIndexes =
            [
                Index(CustomerIndex, DynamoDbTicketItems.CustomerId),
                Index(StatusIndex, DynamoDbTicketItems.Status),
            ],
        };
    }

    private static GlobalSecondaryIndex Index(string name, string hashKey) => new()
    {
        IndexName = name,
        KeySchema =
        [
            new KeySchemaElement(hashKey, KeyType.HASH),
            new KeySchemaElement(DynamoDbTicketItems.CreatedAt, KeyType.RANGE),
        ],
        // Listings return whole tickets; projecting everything saves a GetItem per listed ticket.
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };
}
