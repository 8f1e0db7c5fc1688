using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Memory;

public sealed class SqliteMemoryStoreContractTests : MemoryStoreContract
{
    private readonly TemporarySqlite _sqlite = new();

    protected override async Task<IMemoryStore> OpenStoreAsync()
    {
        var store = new SqliteMemoryStore(_sqlite.Storage);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _sqlite.Dispose();
    }
}
