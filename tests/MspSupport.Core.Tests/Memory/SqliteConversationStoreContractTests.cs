using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;

namespace MspSupport.Core.Tests.Memory;

public sealed class SqliteConversationStoreContractTests : ConversationStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<IConversationStore> OpenStoreAsync(MemoryOptions options)
    {
        var storage = new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path.Combine(_folder, "memory.db") } };
        var store = new SqliteConversationStore(Options.Create(storage), Options.Create(options), Clock);
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
