using Amazon.DynamoDBv2.Model;
using MspSupport.Core.Marks;
using MspSupport.Core.Memory;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Marks;

/// <summary>The mark store contract against DynamoDB (dynalite); every test gets its own sessions table, shared by its instances.</summary>
public sealed class DynamoDbMarkStoreContractTests(DynaliteFixture dynalite) : MarkStoreContract, IClassFixture<DynaliteFixture>
{
    private readonly string _table = dynalite.NewTableName(nameof(DynamoDbMarkStoreContractTests));

    protected override async Task<IMarkStore> OpenStoreAsync()
    {
        var store = new DynamoDbMarkStore(dynalite.Client, dynalite.SessionsStorageOptionsFor(_table), Time);
        await store.InitializeAsync(Ct);
        return store;
    }

    [Fact]
    public async Task Marks_carry_the_tables_TTL_attribute_and_stay_out_of_the_user_index()
    {
        await Store.SetAsync("slack/thread/T1/C1/3.0", TimeSpan.FromSeconds(90), Ct);

        var all = await dynalite.Client.ScanAsync(new ScanRequest { TableName = _table }, Ct);
        var indexed = await dynalite.Client.ScanAsync(new ScanRequest { TableName = _table, IndexName = DynamoDbSessionsTable.UserIndex }, Ct);

        var item = Assert.Single(all.Items);
        Assert.Equal("MARK#slack/thread/T1/C1/3.0", item["SessionId"].S);
        Assert.Equal((Time.GetUtcNow().ToUnixTimeSeconds() + 90).ToString(System.Globalization.CultureInfo.InvariantCulture), item["ExpiresAt"].N);
        Assert.Empty(indexed.Items);
    }
}
