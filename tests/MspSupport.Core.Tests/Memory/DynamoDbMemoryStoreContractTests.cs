using MspSupport.Core.Memory;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Memory;

/// <summary>The shared memory store contract against DynamoDB (dynalite); every test gets its own sessions table.</summary>
public sealed class DynamoDbMemoryStoreContractTests(DynaliteFixture dynalite) : MemoryStoreContract, IClassFixture<DynaliteFixture>
{
    private readonly string _table = dynalite.NewTableName(nameof(DynamoDbMemoryStoreContractTests));

    protected override async Task<IMemoryStore> OpenStoreAsync()
    {
        var store = new DynamoDbMemoryStore(dynalite.Client, dynalite.SessionsStorageOptionsFor(_table));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
