using Microsoft.Extensions.Hosting;

namespace MspSupport.Core.Notifications;

/// <summary>Creates or checks the pending-notification store's schema before redelivery starts; a store that cannot be reached stops start-up.</summary>
public sealed class PendingNotificationStoreInitializer(IPendingNotificationStore pending) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => pending.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
