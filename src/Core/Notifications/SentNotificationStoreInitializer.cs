using Microsoft.Extensions.Hosting;

namespace MspSupport.Core.Notifications;

/// <summary>Creates or checks the sent-notification store's schema before the host sends anything; a store that cannot be reached stops start-up.</summary>
public sealed class SentNotificationStoreInitializer(ISentNotificationStore sent) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => sent.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
