using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

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
    private static readonly TimeSpan CreationWaitLimit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Makes sure the table exists with its index: creates it when missing and <paramref name="create"/> is set (local
    /// peers, first run), then turns TTL on; otherwise fails with a message naming the setting.
    /// <paramref name="localPeer"/> (a ServiceUrl is configured) lets a peer that has no TTL, such as dynalite, refuse it.
    /// </summary>
    public static async Task EnsureAsync(IAmazonDynamoDB dynamo, string tableName, bool create, bool localPeer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        var table = await DescribeAsync(dynamo, tableName, cancellationToken);
        if (table is null && !create)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{tableName}' named by {Setting} does not exist. Deploy it with the infrastructure " +
                $"stack, point {Setting} at an existing table, or set Storage:DynamoDb:CreateTables=true to have it " +
                "created (local peers only).");
        }

        if (table is null)
        {
            try
            {
                await dynamo.CreateTableAsync(CreateRequest(tableName), cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another instance (or the other memory store) is creating it right now; the wait below covers both.
            }
        }

        if (table is null || IsBeingCreated(table))
        {
            table = await WaitUntilCreatedAsync(dynamo, tableName, cancellationToken);
        }

        CheckIndex(table);
        if (create)
        {
            // Checked on every start, not only after creating: a start that died between the two calls must not
            // leave a table whose conversations are never reaped.
            await EnableTimeToLiveAsync(dynamo, tableName, localPeer, cancellationToken);
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

    private static async Task EnableTimeToLiveAsync(IAmazonDynamoDB dynamo, string tableName, bool localPeer, CancellationToken cancellationToken)
    {
        var current = (await dynamo.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, cancellationToken))
            .TimeToLiveDescription;
        var status = current?.TimeToLiveStatus;
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
        {
            if (!string.Equals(current!.AttributeName, DynamoDbSessionItems.ExpiresAt, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The DynamoDB table '{tableName}' named by {Setting} expires items by '{current.AttributeName}', " +
                    $"not by '{DynamoDbSessionItems.ExpiresAt}'; it was not created from the sessions table definition.");
            }

            return;
        }

        try
        {
            await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = DynamoDbSessionItems.ExpiresAt, Enabled = true },
            }, cancellationToken);
        }
        catch (AmazonDynamoDBException e) when (localPeer && e.ErrorCode == "UnknownOperationException")
        {
            // dynalite has no TTL. The stores never return an expired item anyway; without TTL it just stays on disk.
        }
    }

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
                    $"The DynamoDB table '{tableName}' ({Setting}) was still being created after {CreationWaitLimit.TotalMinutes} minutes.");
            }

            await Task.Delay(delay, cancellationToken);
            waited += delay;
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
        }
    }

    // Only creation is waited for: a table that is UPDATING serves requests meanwhile.
    private static bool IsBeingCreated(TableDescription table) =>
        table.TableStatus == TableStatus.CREATING
        || (table.GlobalSecondaryIndexes ?? []).Any(i => i.IndexStatus == IndexStatus.CREATING);

    private static void CheckIndex(TableDescription table)
    {
        if (!(table.GlobalSecondaryIndexes ?? []).Any(i => i.IndexName == UserIndex))
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{table.TableName}' named by {Setting} lacks the global secondary index {UserIndex}; " +
                "it was not created from the sessions table definition.");
        }
    }
}
