using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MspSupport.Core.Tickets;

/// <summary>
/// The shape of the DynamoDB tickets table (the seed's design): key TicketId, and two global indexes that
/// keep each customer's and each status's tickets ordered by creation time. The store creates the table from
/// <see cref="CreateRequest"/> when asked to, and tests create theirs through the same path, so the schema
/// the tests exercise is the one production gets.
/// </summary>
public static class DynamoDbTicketTable
{
    public const string CustomerIndex = "CustomerIndex";
    public const string StatusIndex = "StatusIndex";

    private static readonly TimeSpan CreationWaitLimit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Makes sure the table exists with its indexes: creates it when missing and <paramref name="create"/> is set
    /// (local peers), and otherwise fails with a message naming the setting.
    /// </summary>
    public static async Task EnsureAsync(IAmazonDynamoDB dynamo, string tableName, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        var table = await DescribeAsync(dynamo, tableName, cancellationToken);
        if (table is null && !create)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{tableName}' named by Storage:DynamoDb:TicketsTable does not exist. Deploy it with the " +
                "infrastructure stack, point Storage:DynamoDb:TicketsTable at an existing table, or set " +
                "Storage:DynamoDb:CreateTables=true to have it created (local peers only).");
        }

        if (table is null)
        {
            try
            {
                await dynamo.CreateTableAsync(CreateRequest(tableName), cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another instance started at the same moment and is creating it; the wait below covers both.
            }
        }

        if (table is null || IsBeingCreated(table))
        {
            table = await WaitUntilCreatedAsync(dynamo, tableName, cancellationToken);
        }

        CheckIndexes(table);
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

    private static async Task<TableDescription?> DescribeAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private static async Task<TableDescription> WaitUntilCreatedAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(25);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var table = await DescribeAsync(dynamo, tableName, cancellationToken);
            if (table is not null && !IsBeingCreated(table))
            {
                return table;
            }

            if (waited > CreationWaitLimit)
            {
                throw new TimeoutException(
                    $"The DynamoDB table '{tableName}' (Storage:DynamoDb:TicketsTable) was still being created after {CreationWaitLimit.TotalMinutes} minutes.");
            }

            await Task.Delay(delay, cancellationToken);
            waited += delay;
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
        }
    }

    // Only creation is waited for: a table that is UPDATING (say, changing capacity) serves requests meanwhile.
    private static bool IsBeingCreated(TableDescription table) =>
        table.TableStatus == TableStatus.CREATING
        || (table.GlobalSecondaryIndexes ?? []).Any(i => i.IndexStatus == IndexStatus.CREATING);

    private static void CheckIndexes(TableDescription table)
    {
        var indexes = (table.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName).ToHashSet(StringComparer.Ordinal);
        var missing = new[] { CustomerIndex, StatusIndex }.Where(n => !indexes.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{table.TableName}' named by Storage:DynamoDb:TicketsTable lacks the global secondary " +
                $"index(es) {string.Join(", ", missing)}; it was not created from the tickets table definition.");
        }
    }
}
