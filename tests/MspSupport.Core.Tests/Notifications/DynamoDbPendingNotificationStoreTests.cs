using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Notifications;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>
/// The pending-notification contract on the DynamoDB sessions table (dynalite, the table created from the same
/// definition as production's); every test gets its own table. Plus what only this store has to get right: entries
/// live in the table the deploy templates define, found through its one index, and expire by TTL as a backstop.
/// </summary>
public sealed class DynamoDbPendingNotificationStoreTests(DynaliteFixture dynalite) : PendingNotificationStoreContract, IClassFixture<DynaliteFixture>
{
    private string _table = "";

    protected override async Task<IPendingNotificationStore> CreateEmptyStoreAsync()
    {
        _table = dynalite.NewTableName(nameof(DynamoDbPendingNotificationStoreTests));
        var store = new DynamoDbPendingNotificationStore(dynalite.Client, dynalite.SessionsStorageOptionsFor(_table), Options.Create(new NotificationOptions()));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task An_entry_is_an_item_of_the_sessions_table_under_the_fixed_index_partition_and_expires_a_day_after_redelivery_gives_up()
    {
        var store = await CreateEmptyStoreAsync();
        var failedAt = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        await store.AddAsync(new PendingNotification
        {
            NotificationId = "teams:TKT-1KQ3M8Z-X4F7Q:v2",
            TicketId = "TKT-1KQ3M8Z-X4F7Q",
            Channel = "teams",
            Version = 2,
            Headline = "Update",
            Attempts = 1,
            NextAttemptAt = failedAt.AddSeconds(30),
            FirstAttemptAt = failedAt,
        }, default);

        var table = (await dynalite.Client.DescribeTableAsync(_table)).Table;
        var item = (await dynalite.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new() { ["SessionId"] = new AttributeValue { S = "NOTIFYRETRY#teams:TKT-1KQ3M8Z-X4F7Q:v2" } },
            ConsistentRead = true,
        })).Item;

        Assert.Equal([DynamoDbSessionsTable.UserIndex], table.GlobalSecondaryIndexes.Select(i => i.IndexName));
        Assert.Equal(DynamoDbPendingNotificationStore.Partition, item["UserId"].S);
        Assert.Equal(failedAt.AddHours(24 + 24).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["ExpiresAt"].N);
    }
}
