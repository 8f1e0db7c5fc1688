using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MspSupport.Core.Storage;

/// <summary>
/// Start-up of a DynamoDB table from its definition: use it when it exists, create it when missing and allowed
/// (local peers, first run), wait while it or an index is being created, and check that the definition's global
/// indexes are there. Every failure names the setting that points at the table.
/// </summary>
internal static class DynamoDbTableBootstrap
{
    private static readonly TimeSpan CreationWaitLimit = TimeSpan.FromMinutes(5);

    public static async Task<TableDescription> EnsureAsync(IAmazonDynamoDB dynamo, CreateTableRequest definition, string setting, bool create, CancellationToken cancellationToken)
    {
        var tableName = definition.TableName;
        var table = await DescribeAsync(dynamo, tableName, cancellationToken);
        if (table is null && !create)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{tableName}' named by {setting} does not exist. Deploy it with the infrastructure " +
                $"stack, point {setting} at an existing table, or set Storage:DynamoDb:CreateTables=true to have it " +
                "created (local peers only).");
        }

        if (table is null)
        {
            try
            {
                await dynamo.CreateTableAsync(definition, cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another instance (or another store on the same table) is creating it right now; the wait covers both.
            }
        }

        if (table is null || IsBeingCreated(table))
        {
            table = await WaitUntilCreatedAsync(dynamo, tableName, setting, cancellationToken);
        }

        var present = (table.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName).ToHashSet(StringComparer.Ordinal);
        var missing = (definition.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName).Where(n => !present.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{tableName}' named by {setting} lacks the global secondary index(es) " +
                $"{string.Join(", ", missing)}; it was not created from this table's definition.");
        }

        return table;
    }

    /// <summary>
    /// Turns TTL on for <paramref name="attribute"/> unless it is on already; refuses a table that expires items by
    /// another attribute. <paramref name="localPeer"/> lets a peer without TTL (dynalite) decline: the stores never
    /// return an expired item anyway, it only stays on disk.
    /// </summary>
    public static async Task EnableTimeToLiveAsync(IAmazonDynamoDB dynamo, string tableName, string attribute, string setting, bool localPeer, CancellationToken cancellationToken)
    {
        var current = (await dynamo.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, cancellationToken))
            .TimeToLiveDescription;
        var status = current?.TimeToLiveStatus;
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
        {
            if (!string.Equals(current!.AttributeName, attribute, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The DynamoDB table '{tableName}' named by {setting} expires items by '{current.AttributeName}', " +
                    $"not by '{attribute}'; it was not created from this table's definition.");
            }

            return;
        }

        try
        {
            await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
            }, cancellationToken);
        }
        catch (AmazonDynamoDBException e) when (localPeer && e.ErrorCode == "UnknownOperationException")
        {
            // dynalite has no TTL.
        }
    }

    private static async Task<TableDescription?> DescribeAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            return (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private static async Task<TableDescription> WaitUntilCreatedAsync(IAmazonDynamoDB dynamo, string tableName, string setting, CancellationToken cancellationToken)
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
                    $"The DynamoDB table '{tableName}' ({setting}) was still being created after {CreationWaitLimit.TotalMinutes} minutes.");
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
}
