using MspSupport.Core.Notifications;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Notifications;

public sealed class SqlitePendingNotificationStoreTests : PendingNotificationStoreContract, IDisposable
{
    private readonly TemporarySqlite _sqlite = new();

    protected override async Task<IPendingNotificationStore> CreateEmptyStoreAsync()
    {
        var store = new SqlitePendingNotificationStore(_sqlite.Storage);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public void Dispose() => _sqlite.Dispose();
}
