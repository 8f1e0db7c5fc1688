using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Memory;

public sealed class SqliteConversationStoreContractTests : ConversationStoreContract
{
    private readonly TemporarySqlite _sqlite = new();

    protected override async Task<IConversationStore> OpenStoreAsync(MemoryOptions options)
    {
        var store = new SqliteConversationStore(_sqlite.Storage, Options.Create(options), Clock);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _sqlite.Dispose();
    }
}
