using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Tickets;

public sealed class SqliteTicketStoreContractTests : TicketStoreContract
{
    private readonly TemporarySqlite _sqlite = new();

    protected override async Task<ITicketStore> CreateEmptyStoreAsync()
    {
        var store = new SqliteTicketStore(_sqlite.Storage);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _sqlite.Dispose();
    }
}
