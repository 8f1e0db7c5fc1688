using Microsoft.Extensions.Hosting;

namespace MspSupport.Core.Tickets;

/// <summary>Creates or checks the ticket store's schema before the host takes requests; a store that cannot be reached stops start-up.</summary>
public sealed class TicketStoreInitializer(ITicketStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
