using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Notifications;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>The shared conversation reference store contract against DynamoDB (dynalite); every test gets its own sessions table.</summary>
public sealed class DynamoDbConversationReferenceStoreContractTests(DynaliteFixture dynalite)
    : ConversationReferenceStoreContract, IClassFixture<DynaliteFixture>
{
    private readonly string _table = dynalite.NewTableName(nameof(DynamoDbConversationReferenceStoreContractTests));

    protected override async Task<IConversationReferenceStore> OpenStoreAsync()
    {
        var store = new DynamoDbConversationReferenceStore(dynalite.Client, dynalite.SessionsStorageOptionsFor(_table));
        await store.InitializeAsync(Ct);
        return store;
    }

    protected override async Task<(IConversationStore Conversations, IMemoryStore Memories)> OpenMemoryStoresAsync()
    {
        var storage = dynalite.SessionsStorageOptionsFor(_table);
        var conversations = new DynamoDbConversationStore(dynalite.Client, storage, Options.Create(new MemoryOptions()), TimeProvider.System);
        var memories = new DynamoDbMemoryStore(dynalite.Client, storage);
        await conversations.InitializeAsync(Ct);
        await memories.InitializeAsync(Ct);
        return (conversations, memories);
    }

    [Fact]
    public async Task Reference_item_has_no_UserId_so_the_user_index_never_holds_it()
    {
        await Store.SaveAsync("T-1", Teams("conv-1"), Ct);

        var item = (await dynalite.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new() { ["SessionId"] = new AttributeValue { S = "TICKETREF#T-1" } },
            ConsistentRead = true,
        }, Ct)).Item;
        var indexed = await dynalite.Client.ScanAsync(new ScanRequest { TableName = _table, IndexName = DynamoDbSessionsTable.UserIndex }, Ct);

        Assert.Equal(Alice, item["RequesterId"].S);
        Assert.DoesNotContain("UserId", item.Keys);
        Assert.DoesNotContain("ExpiresAt", item.Keys);
        Assert.Empty(indexed.Items);
    }
}
