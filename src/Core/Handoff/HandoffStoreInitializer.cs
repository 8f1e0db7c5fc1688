using Microsoft.Extensions.Hosting;

namespace MspSupport.Core.Handoff;

/// <summary>Creates or checks the handoff store's schema before the host takes turns; a store that cannot be reached stops start-up.</summary>
public sealed class HandoffStoreInitializer(IHandoffStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
