using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Notifications;
using MspSupport.Core.Storage;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Notifications;

public sealed class SqliteConversationReferenceStoreContractTests : ConversationReferenceStoreContract
{
    private readonly TemporarySqlite _sqlite = new();

    private IOptions<StorageOptions> Storage => _sqlite.Storage;

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
        _sqlite.Dispose();
    }
}
