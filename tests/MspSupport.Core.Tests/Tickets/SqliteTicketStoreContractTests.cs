using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Tickets;

public sealed class SqliteTicketStoreContractTests : TicketStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<ITicketStore> CreateEmptyStoreAsync()
    {
        var options = new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path.Combine(_folder, "tickets.db") } };
        var store = new SqliteTicketStore(Options.Create(options));
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
