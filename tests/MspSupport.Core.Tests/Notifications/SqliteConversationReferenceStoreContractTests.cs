using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Notifications;
using MspSupport.Core.Storage;

namespace MspSupport.Core.Tests.Notifications;

public sealed class SqliteConversationReferenceStoreContractTests : ConversationReferenceStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-tests", Guid.NewGuid().ToString("N"));

    private IOptions<StorageOptions> Storage =>
        Options.Create(new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path.Combine(_folder, "msp-support.db") } });

    protected override async Task<IConversationReferenceStore> OpenStoreAsync()
    {
        var store = new SqliteConversationReferenceStore(Storage);
        await store.InitializeAsync(Ct);
        return store;
    }

    protected override async Task<(IConversationStore Conversations, IMemoryStore Memories)> OpenMemoryStoresAsync()
    {
        var conversations = new SqliteConversationStore(Storage, Options.Create(new MemoryOptions()), TimeProvider.System);
        var memories = new SqliteMemoryStore(Storage);
        await conversations.InitializeAsync(Ct);
        await memories.InitializeAsync(Ct);
        return (conversations, memories);
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
