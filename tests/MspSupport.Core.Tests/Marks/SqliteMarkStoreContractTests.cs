using MspSupport.Core.Marks;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Marks;

/// <summary>The mark store contract on SQLite; the instances of a test share one database file.</summary>
public sealed class SqliteMarkStoreContractTests : MarkStoreContract
{
    private readonly TemporarySqlite _sqlite = new();

    protected override async Task<IMarkStore> OpenStoreAsync()
    {
        var store = new SqliteMarkStore(_sqlite.Storage, Time);
        await store.InitializeAsync(Ct);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _sqlite.Dispose();
    }
}
