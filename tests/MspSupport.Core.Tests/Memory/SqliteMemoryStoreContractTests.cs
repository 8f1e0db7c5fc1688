using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;

namespace MspSupport.Core.Tests.Memory;

public sealed class SqliteMemoryStoreContractTests : MemoryStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<IMemoryStore> OpenStoreAsync()
    {
        var storage = new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path.Combine(_folder, "memory.db") } };
        var store = new SqliteMemoryStore(Options.Create(storage));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
