using MspSupport.Core.Notifications;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>The sent-notification contract on the DynamoDB sessions table (dynalite); every test gets its own table.</summary>
public sealed class DynamoDbSentNotificationsTests(DynaliteFixture dynalite) : SentNotificationsContract, IClassFixture<DynaliteFixture>
{
    protected override async Task<ISentNotificationStore> CreateEmptyStoreAsync()
    {
        var store = new DynamoDbSentNotificationStore(dynalite.Client, dynalite.SessionsStorageOptionsFor(dynalite.NewTableName(nameof(DynamoDbSentNotificationsTests))));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
