using Amazon.DynamoDBv2.Model;
using MspSupport.Core.Handoff;
using MspSupport.Core.Memory;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Handoff;

/// <summary>The handoff store contract against DynamoDB (dynalite); every test gets its own sessions table.</summary>
public sealed class DynamoDbHandoffStoreContractTests(DynaliteFixture dynalite) : HandoffStoreContract, IClassFixture<DynaliteFixture>
{
    private readonly string _table = dynalite.NewTableName(nameof(DynamoDbHandoffStoreContractTests));

    protected override async Task<IHandoffStore> OpenStoreAsync()
    {
        var store = new DynamoDbHandoffStore(dynalite.Client, dynalite.SessionsStorageOptionsFor(_table));
        await store.InitializeAsync(Ct);
        return store;
    }

    [Fact]
    public async Task Handoff_items_stay_out_of_the_user_index()
    {
        await Store.SaveAsync(new HandoffCase
        {
            TicketId = "TKT-9",
            CustomerId = "contoso",
            ConversationId = "web:c-9",
            RequesterKey = "web::u",
            RequesterName = "U",
            Reason = "asked",
        }, 0, Ct);

        var indexed = await dynalite.Client.ScanAsync(new ScanRequest { TableName = _table, IndexName = DynamoDbSessionsTable.UserIndex }, Ct);
        var all = await dynalite.Client.ScanAsync(new ScanRequest { TableName = _table }, Ct);

        Assert.Empty(indexed.Items);
        Assert.Equal(["HANDOFF#TKT-9", "HANDOFFCONV#web:c-9"], all.Items.Select(i => i["SessionId"].S).Order(StringComparer.Ordinal));
    }
}
