using MspSupport.Core.Notifications;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Notifications;

public sealed class SqliteSentNotificationsTests : SentNotificationsContract, IDisposable
{
    private readonly TemporarySqlite _sqlite = new();

    protected override async Task<ISentNotificationStore> CreateEmptyStoreAsync()
    {
        var store = new SqliteSentNotificationStore(_sqlite.Storage);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public void Dispose() => _sqlite.Dispose();
}
