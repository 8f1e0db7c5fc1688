using MspSupport.Core.Handoff;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Handoff;

public sealed class SqliteHandoffStoreContractTests : HandoffStoreContract
{
    private readonly TemporarySqlite _sqlite = new();

    protected override async Task<IHandoffStore> OpenStoreAsync()
    {
        var store = new SqliteHandoffStore(_sqlite.Storage);
        await store.InitializeAsync(Ct);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _sqlite.Dispose();
    }
}
