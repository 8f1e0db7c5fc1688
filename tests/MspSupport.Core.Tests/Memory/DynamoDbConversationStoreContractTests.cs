using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Memory;

/// <summary>The shared conversation store contract against DynamoDB (dynalite); every test gets its own sessions table.</summary>
public sealed class DynamoDbConversationStoreContractTests(DynaliteFixture dynalite) : ConversationStoreContract, IClassFixture<DynaliteFixture>
{
    private readonly string _table = dynalite.NewTableName(nameof(DynamoDbConversationStoreContractTests));

    protected override async Task<IConversationStore> OpenStoreAsync(MemoryOptions options)
    {
        var store = new DynamoDbConversationStore(dynalite.Client, dynalite.SessionsStorageOptionsFor(_table), Options.Create(options), Clock);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
